"""What every feature stands on: opening the database, the clock, errors worded for the desk,
validation, access checks, the audit trail, the school's settings, CSV reading, evidence files
on disk, and files written so a crash never leaves half of one.

Features import these modules directly (``avenue_desk.services.core.errors``); core imports
no feature.
"""
