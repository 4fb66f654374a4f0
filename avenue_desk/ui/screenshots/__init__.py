"""Screenshots of the app for the user guide and the README: ``avenue-desk screenshot
SCREEN -o FILE`` (``screens``, with the code of conduct's in ``conduct`` and the windows
opened over a screen, the guide, the people import, a step corrected, the policy's
review, in ``dialogs``; a poster's chronology, accounts and course of conduct in
``poster``; evidence captured and reports to the platform in ``evidence``), drawn on the
school PC's 1366×768 screen (``stage``), then made small enough to keep in git
(``shrink``, used by ``make docs``)."""
