"""Generated from ../../../forms/*.ui by pyside6-uic (`make forms`). Do not edit."""
