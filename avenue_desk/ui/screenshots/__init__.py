"""Screenshots of the app for the user guide and the README: ``avenue-desk screenshot
SCREEN -o FILE`` (``screens``, with the code of conduct's in ``conduct``), drawn on the
school PC's 1366×768 screen (``stage``), then made small enough to keep in git
(``shrink``, used by ``make docs``)."""
