"""Keeping the records safe: backups (made, rotated, checked), restore, the integrity and
weekly health checks, the one-app-per-folder lock, and the cheap first look at a folder
made before anything heavy is imported.
"""

from __future__ import annotations

from avenue_desk.lazy_exports import lazy_getattr

# The package's public names and the module each lives in (see avenue_desk/lazy_exports.py).
_EXPORTS = {
    "HealthService": "health",
    "BackupCancelled": "archive",
    "read_backup_info": "archive",
    "BackupService": "backup",
    "encrypt_records": "encrypt",
    "refuse_unless_plain": "encrypt",
    "first_look": "folder_look",
    "AlreadyOpen": "instance_lock",
    "InstanceLock": "instance_lock",
    "KeptFolder": "leftovers",
    "MoveResult": "moving",
    "move_records": "moving",
    "where_shown": "moving",
    "without_window_text": "instance_lock",
    "RestoreRefused": "restore",
    "pending_requester": "restore",
    "pending_restore": "restore",
    "recover_interrupted_restore": "restore",
    "restore_backup": "restore",
    "run_pending_restore": "restore",
    "backup_key_held": "verify",
    "unlock_backup": "verify",
    "verify_backup": "verify",
}

__all__ = sorted(_EXPORTS)
__getattr__ = lazy_getattr(__name__, _EXPORTS)
