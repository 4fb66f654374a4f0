# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'incident_editor.ui'
##
## Created by: Qt User Interface Compiler version 6.11.3
##
## WARNING! All changes made in this file will be lost when recompiling UI file!
################################################################################

from PySide6.QtCore import (QCoreApplication, QDate, QDateTime, QLocale,
    QMetaObject, QObject, QPoint, QRect,
    QSize, QTime, QUrl, Qt)
from PySide6.QtGui import (QBrush, QColor, QConicalGradient, QCursor,
    QFont, QFontDatabase, QGradient, QIcon,
    QImage, QKeySequence, QLinearGradient, QPainter,
    QPalette, QPixmap, QRadialGradient, QTransform)
from PySide6.QtWidgets import (QAbstractButton, QApplication, QCheckBox, QComboBox,
    QDialog, QDialogButtonBox, QFormLayout, QFrame,
    QGroupBox, QHBoxLayout, QLabel, QLineEdit,
    QPlainTextEdit, QPushButton, QScrollArea, QSizePolicy,
    QSpacerItem, QStackedWidget, QTabWidget, QVBoxLayout,
    QWidget)

class Ui_IncidentEditor(object):
    def setupUi(self, IncidentEditor):
        if not IncidentEditor.objectName():
            IncidentEditor.setObjectName(u"IncidentEditor")
        IncidentEditor.resize(1200, 680)
        self.outer_layout = QVBoxLayout(IncidentEditor)
        self.outer_layout.setSpacing(6)
        self.outer_layout.setObjectName(u"outer_layout")
        self.header_layout = QHBoxLayout()
        self.header_layout.setObjectName(u"header_layout")
        self.title_label = QLabel(IncidentEditor)
        self.title_label.setObjectName(u"title_label")
        self.title_label.setProperty(u"role", u"title")

        self.header_layout.addWidget(self.title_label)

        self.header_spacer = QSpacerItem(0, 0, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.header_layout.addItem(self.header_spacer)

        self.status_label = QLabel(IncidentEditor)
        self.status_label.setObjectName(u"status_label")
        self.status_label.setProperty(u"role", u"lead")

        self.header_layout.addWidget(self.status_label)


        self.outer_layout.addLayout(self.header_layout)

        self.tabs = QTabWidget(IncidentEditor)
        self.tabs.setObjectName(u"tabs")
        self.details_tab = QWidget()
        self.details_tab.setObjectName(u"details_tab")
        self.details_tab_layout = QVBoxLayout(self.details_tab)
        self.details_tab_layout.setSpacing(2)
        self.details_tab_layout.setObjectName(u"details_tab_layout")
        self.details_scroll = QScrollArea(self.details_tab)
        self.details_scroll.setObjectName(u"details_scroll")
        self.details_scroll.setFrameShape(QFrame.NoFrame)
        self.details_scroll.setWidgetResizable(True)
        self.details_page = QWidget()
        self.details_page.setObjectName(u"details_page")
        self.details_layout = QHBoxLayout(self.details_page)
        self.details_layout.setObjectName(u"details_layout")
        self.where_group = QGroupBox(self.details_page)
        self.where_group.setObjectName(u"where_group")
        self.where_form = QFormLayout(self.where_group)
        self.where_form.setObjectName(u"where_form")
        self.where_form.setFieldGrowthPolicy(QFormLayout.AllNonFixedFieldsGrow)
        self.posted_on_label = QLabel(self.where_group)
        self.posted_on_label.setObjectName(u"posted_on_label")

        self.where_form.setWidget(0, QFormLayout.ItemRole.LabelRole, self.posted_on_label)

        self.posted_on_box = QVBoxLayout()
        self.posted_on_box.setSpacing(2)
        self.posted_on_box.setObjectName(u"posted_on_box")
        self.posted_on_row = QHBoxLayout()
        self.posted_on_row.setSpacing(8)
        self.posted_on_row.setObjectName(u"posted_on_row")
        self.posted_on_holder = QWidget(self.where_group)
        self.posted_on_holder.setObjectName(u"posted_on_holder")
        self.posted_on_holder_layout = QVBoxLayout(self.posted_on_holder)
        self.posted_on_holder_layout.setObjectName(u"posted_on_holder_layout")
        self.posted_on_holder_layout.setContentsMargins(0, 0, 0, 0)

        self.posted_on_row.addWidget(self.posted_on_holder, 0, Qt.AlignTop)

        self.posted_at_label = QLabel(self.where_group)
        self.posted_at_label.setObjectName(u"posted_at_label")

        self.posted_on_row.addWidget(self.posted_at_label, 0, Qt.AlignTop)

        self.posted_at_holder = QWidget(self.where_group)
        self.posted_at_holder.setObjectName(u"posted_at_holder")
        self.posted_at_holder_layout = QVBoxLayout(self.posted_at_holder)
        self.posted_at_holder_layout.setObjectName(u"posted_at_holder_layout")
        self.posted_at_holder_layout.setContentsMargins(0, 0, 0, 0)

        self.posted_on_row.addWidget(self.posted_at_holder, 0, Qt.AlignTop)

        self.posted_on_spacer = QSpacerItem(0, 0, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.posted_on_row.addItem(self.posted_on_spacer)

        self.posted_on_row.setStretch(3, 1)

        self.posted_on_box.addLayout(self.posted_on_row)

        self.posted_on_error = QLabel(self.where_group)
        self.posted_on_error.setObjectName(u"posted_on_error")
        self.posted_on_error.setWordWrap(True)
        self.posted_on_error.setProperty(u"role", u"error")

        self.posted_on_box.addWidget(self.posted_on_error)


        self.where_form.setLayout(0, QFormLayout.ItemRole.FieldRole, self.posted_on_box)

        self.seen_on_label = QLabel(self.where_group)
        self.seen_on_label.setObjectName(u"seen_on_label")

        self.where_form.setWidget(1, QFormLayout.ItemRole.LabelRole, self.seen_on_label)

        self.seen_on_box = QVBoxLayout()
        self.seen_on_box.setSpacing(2)
        self.seen_on_box.setObjectName(u"seen_on_box")
        self.seen_on_row = QHBoxLayout()
        self.seen_on_row.setSpacing(8)
        self.seen_on_row.setObjectName(u"seen_on_row")
        self.seen_on_holder = QWidget(self.where_group)
        self.seen_on_holder.setObjectName(u"seen_on_holder")
        self.seen_on_holder_layout = QVBoxLayout(self.seen_on_holder)
        self.seen_on_holder_layout.setObjectName(u"seen_on_holder_layout")
        self.seen_on_holder_layout.setContentsMargins(0, 0, 0, 0)

        self.seen_on_row.addWidget(self.seen_on_holder, 0, Qt.AlignTop)

        self.seen_at_label = QLabel(self.where_group)
        self.seen_at_label.setObjectName(u"seen_at_label")

        self.seen_on_row.addWidget(self.seen_at_label, 0, Qt.AlignTop)

        self.seen_at_holder = QWidget(self.where_group)
        self.seen_at_holder.setObjectName(u"seen_at_holder")
        self.seen_at_holder_layout = QVBoxLayout(self.seen_at_holder)
        self.seen_at_holder_layout.setObjectName(u"seen_at_holder_layout")
        self.seen_at_holder_layout.setContentsMargins(0, 0, 0, 0)

        self.seen_on_row.addWidget(self.seen_at_holder, 0, Qt.AlignTop)

        self.seen_on_spacer = QSpacerItem(0, 0, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.seen_on_row.addItem(self.seen_on_spacer)

        self.seen_on_row.setStretch(3, 1)

        self.seen_on_box.addLayout(self.seen_on_row)

        self.seen_on_error = QLabel(self.where_group)
        self.seen_on_error.setObjectName(u"seen_on_error")
        self.seen_on_error.setWordWrap(True)
        self.seen_on_error.setProperty(u"role", u"error")

        self.seen_on_box.addWidget(self.seen_on_error)


        self.where_form.setLayout(1, QFormLayout.ItemRole.FieldRole, self.seen_on_box)

        self.reported_by_label = QLabel(self.where_group)
        self.reported_by_label.setObjectName(u"reported_by_label")

        self.where_form.setWidget(2, QFormLayout.ItemRole.LabelRole, self.reported_by_label)

        self.reported_by_box = QVBoxLayout()
        self.reported_by_box.setSpacing(2)
        self.reported_by_box.setObjectName(u"reported_by_box")
        self.reported_by = QLineEdit(self.where_group)
        self.reported_by.setObjectName(u"reported_by")

        self.reported_by_box.addWidget(self.reported_by)

        self.reported_by_error = QLabel(self.where_group)
        self.reported_by_error.setObjectName(u"reported_by_error")
        self.reported_by_error.setWordWrap(True)
        self.reported_by_error.setProperty(u"role", u"error")

        self.reported_by_box.addWidget(self.reported_by_error)


        self.where_form.setLayout(2, QFormLayout.ItemRole.FieldRole, self.reported_by_box)

        self.platform_label = QLabel(self.where_group)
        self.platform_label.setObjectName(u"platform_label")

        self.where_form.setWidget(3, QFormLayout.ItemRole.LabelRole, self.platform_label)

        self.platform_box = QVBoxLayout()
        self.platform_box.setSpacing(2)
        self.platform_box.setObjectName(u"platform_box")
        self.platform = QComboBox(self.where_group)
        self.platform.setObjectName(u"platform")

        self.platform_box.addWidget(self.platform)

        self.platform_error = QLabel(self.where_group)
        self.platform_error.setObjectName(u"platform_error")
        self.platform_error.setWordWrap(True)
        self.platform_error.setProperty(u"role", u"error")

        self.platform_box.addWidget(self.platform_error)


        self.where_form.setLayout(3, QFormLayout.ItemRole.FieldRole, self.platform_box)

        self.location_label = QLabel(self.where_group)
        self.location_label.setObjectName(u"location_label")

        self.where_form.setWidget(4, QFormLayout.ItemRole.LabelRole, self.location_label)

        self.location_box = QVBoxLayout()
        self.location_box.setSpacing(2)
        self.location_box.setObjectName(u"location_box")
        self.location = QLineEdit(self.where_group)
        self.location.setObjectName(u"location")

        self.location_box.addWidget(self.location)

        self.location_error = QLabel(self.where_group)
        self.location_error.setObjectName(u"location_error")
        self.location_error.setWordWrap(True)
        self.location_error.setProperty(u"role", u"error")

        self.location_box.addWidget(self.location_error)


        self.where_form.setLayout(4, QFormLayout.ItemRole.FieldRole, self.location_box)

        self.forum_box = QVBoxLayout()
        self.forum_box.setSpacing(2)
        self.forum_box.setObjectName(u"forum_box")
        self.on_school_forum = QCheckBox(self.where_group)
        self.on_school_forum.setObjectName(u"on_school_forum")

        self.forum_box.addWidget(self.on_school_forum)

        self.forum_note = QLabel(self.where_group)
        self.forum_note.setObjectName(u"forum_note")
        self.forum_note.setWordWrap(True)
        self.forum_note.setProperty(u"role", u"muted")

        self.forum_box.addWidget(self.forum_note)


        self.where_form.setLayout(5, QFormLayout.ItemRole.FieldRole, self.forum_box)

        self.content_still_up = QCheckBox(self.where_group)
        self.content_still_up.setObjectName(u"content_still_up")

        self.where_form.setWidget(6, QFormLayout.ItemRole.FieldRole, self.content_still_up)

        self.poster_label = QLabel(self.where_group)
        self.poster_label.setObjectName(u"poster_label")

        self.where_form.setWidget(7, QFormLayout.ItemRole.LabelRole, self.poster_label)

        self.poster_box = QVBoxLayout()
        self.poster_box.setSpacing(2)
        self.poster_box.setObjectName(u"poster_box")
        self.poster_holder = QWidget(self.where_group)
        self.poster_holder.setObjectName(u"poster_holder")
        self.poster_holder_layout = QVBoxLayout(self.poster_holder)
        self.poster_holder_layout.setObjectName(u"poster_holder_layout")
        self.poster_holder_layout.setContentsMargins(0, 0, 0, 0)

        self.poster_box.addWidget(self.poster_holder)

        self.poster_error = QLabel(self.where_group)
        self.poster_error.setObjectName(u"poster_error")
        self.poster_error.setWordWrap(True)
        self.poster_error.setProperty(u"role", u"error")

        self.poster_box.addWidget(self.poster_error)


        self.where_form.setLayout(7, QFormLayout.ItemRole.FieldRole, self.poster_box)

        self.poster_account_label = QLabel(self.where_group)
        self.poster_account_label.setObjectName(u"poster_account_label")

        self.where_form.setWidget(8, QFormLayout.ItemRole.LabelRole, self.poster_account_label)

        self.poster_account_box = QVBoxLayout()
        self.poster_account_box.setSpacing(2)
        self.poster_account_box.setObjectName(u"poster_account_box")
        self.poster_account = QLineEdit(self.where_group)
        self.poster_account.setObjectName(u"poster_account")

        self.poster_account_box.addWidget(self.poster_account)

        self.poster_account_error = QLabel(self.where_group)
        self.poster_account_error.setObjectName(u"poster_account_error")
        self.poster_account_error.setWordWrap(True)
        self.poster_account_error.setProperty(u"role", u"error")

        self.poster_account_box.addWidget(self.poster_account_error)


        self.where_form.setLayout(8, QFormLayout.ItemRole.FieldRole, self.poster_account_box)

        self.named_label = QLabel(self.where_group)
        self.named_label.setObjectName(u"named_label")

        self.where_form.setWidget(9, QFormLayout.ItemRole.LabelRole, self.named_label)

        self.named_box = QVBoxLayout()
        self.named_box.setSpacing(2)
        self.named_box.setObjectName(u"named_box")
        self.named_holder = QWidget(self.where_group)
        self.named_holder.setObjectName(u"named_holder")
        self.named_holder_layout = QVBoxLayout(self.named_holder)
        self.named_holder_layout.setObjectName(u"named_holder_layout")
        self.named_holder_layout.setContentsMargins(0, 0, 0, 0)

        self.named_box.addWidget(self.named_holder)

        self.named_error = QLabel(self.where_group)
        self.named_error.setObjectName(u"named_error")
        self.named_error.setWordWrap(True)
        self.named_error.setProperty(u"role", u"error")

        self.named_box.addWidget(self.named_error)


        self.where_form.setLayout(9, QFormLayout.ItemRole.FieldRole, self.named_box)

        self.policy_edition_label = QLabel(self.where_group)
        self.policy_edition_label.setObjectName(u"policy_edition_label")

        self.where_form.setWidget(10, QFormLayout.ItemRole.LabelRole, self.policy_edition_label)

        self.policy_edition_box = QVBoxLayout()
        self.policy_edition_box.setSpacing(2)
        self.policy_edition_box.setObjectName(u"policy_edition_box")
        self.policy_edition = QComboBox(self.where_group)
        self.policy_edition.setObjectName(u"policy_edition")

        self.policy_edition_box.addWidget(self.policy_edition)

        self.edition_label = QLabel(self.where_group)
        self.edition_label.setObjectName(u"edition_label")
        self.edition_label.setWordWrap(True)
        self.edition_label.setProperty(u"role", u"muted")

        self.policy_edition_box.addWidget(self.edition_label)

        self.policy_edition_error = QLabel(self.where_group)
        self.policy_edition_error.setObjectName(u"policy_edition_error")
        self.policy_edition_error.setWordWrap(True)
        self.policy_edition_error.setProperty(u"role", u"error")

        self.policy_edition_box.addWidget(self.policy_edition_error)


        self.where_form.setLayout(10, QFormLayout.ItemRole.FieldRole, self.policy_edition_box)


        self.details_layout.addWidget(self.where_group)

        self.what_group = QGroupBox(self.details_page)
        self.what_group.setObjectName(u"what_group")
        self.what_layout = QVBoxLayout(self.what_group)
        self.what_layout.setSpacing(4)
        self.what_layout.setObjectName(u"what_layout")
        self.categories_label = QLabel(self.what_group)
        self.categories_label.setObjectName(u"categories_label")

        self.what_layout.addWidget(self.categories_label)

        self.categories_holder = QWidget(self.what_group)
        self.categories_holder.setObjectName(u"categories_holder")
        self.categories_holder_layout = QVBoxLayout(self.categories_holder)
        self.categories_holder_layout.setObjectName(u"categories_holder_layout")
        self.categories_holder_layout.setContentsMargins(0, 0, 0, 0)

        self.what_layout.addWidget(self.categories_holder)

        self.categories_error = QLabel(self.what_group)
        self.categories_error.setObjectName(u"categories_error")
        self.categories_error.setWordWrap(True)
        self.categories_error.setProperty(u"role", u"error")

        self.what_layout.addWidget(self.categories_error)

        self.serious_banner = QLabel(self.what_group)
        self.serious_banner.setObjectName(u"serious_banner")
        self.serious_banner.setWordWrap(True)
        self.serious_banner.setProperty(u"role", u"banner")

        self.what_layout.addWidget(self.serious_banner)

        self.excerpt_label = QLabel(self.what_group)
        self.excerpt_label.setObjectName(u"excerpt_label")

        self.what_layout.addWidget(self.excerpt_label)

        self.excerpt = QPlainTextEdit(self.what_group)
        self.excerpt.setObjectName(u"excerpt")
        self.excerpt.setMinimumSize(QSize(0, 60))
        self.excerpt.setTabChangesFocus(True)

        self.what_layout.addWidget(self.excerpt)

        self.excerpt_error = QLabel(self.what_group)
        self.excerpt_error.setObjectName(u"excerpt_error")
        self.excerpt_error.setWordWrap(True)
        self.excerpt_error.setProperty(u"role", u"error")

        self.what_layout.addWidget(self.excerpt_error)

        self.summary_label = QLabel(self.what_group)
        self.summary_label.setObjectName(u"summary_label")

        self.what_layout.addWidget(self.summary_label)

        self.summary = QPlainTextEdit(self.what_group)
        self.summary.setObjectName(u"summary")
        self.summary.setMinimumSize(QSize(0, 50))
        self.summary.setTabChangesFocus(True)

        self.what_layout.addWidget(self.summary)

        self.summary_error = QLabel(self.what_group)
        self.summary_error.setObjectName(u"summary_error")
        self.summary_error.setWordWrap(True)
        self.summary_error.setProperty(u"role", u"error")

        self.what_layout.addWidget(self.summary_error)


        self.details_layout.addWidget(self.what_group)

        self.details_scroll.setWidget(self.details_page)

        self.details_tab_layout.addWidget(self.details_scroll)

        self.tabs.addTab(self.details_tab, "")
        self.evidence_tab = QWidget()
        self.evidence_tab.setObjectName(u"evidence_tab")
        self.evidence_tab_layout = QVBoxLayout(self.evidence_tab)
        self.evidence_tab_layout.setSpacing(2)
        self.evidence_tab_layout.setObjectName(u"evidence_tab_layout")
        self.evidence_stack = QStackedWidget(self.evidence_tab)
        self.evidence_stack.setObjectName(u"evidence_stack")
        self.evidence_placeholder = QWidget()
        self.evidence_placeholder.setObjectName(u"evidence_placeholder")
        self.evidence_placeholder_layout = QVBoxLayout(self.evidence_placeholder)
        self.evidence_placeholder_layout.setSpacing(12)
        self.evidence_placeholder_layout.setObjectName(u"evidence_placeholder_layout")
        self.evidence_top = QSpacerItem(0, 0, QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Expanding)

        self.evidence_placeholder_layout.addItem(self.evidence_top)

        self.evidence_placeholder_text = QLabel(self.evidence_placeholder)
        self.evidence_placeholder_text.setObjectName(u"evidence_placeholder_text")
        self.evidence_placeholder_text.setAlignment(Qt.AlignCenter)
        self.evidence_placeholder_text.setWordWrap(True)

        self.evidence_placeholder_layout.addWidget(self.evidence_placeholder_text)

        self.evidence_placeholder_buttons = QHBoxLayout()
        self.evidence_placeholder_buttons.setObjectName(u"evidence_placeholder_buttons")
        self.evidence_sp1 = QSpacerItem(0, 0, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.evidence_placeholder_buttons.addItem(self.evidence_sp1)

        self.evidence_save = QPushButton(self.evidence_placeholder)
        self.evidence_save.setObjectName(u"evidence_save")
        self.evidence_save.setAutoDefault(False)

        self.evidence_placeholder_buttons.addWidget(self.evidence_save)

        self.evidence_sp2 = QSpacerItem(0, 0, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.evidence_placeholder_buttons.addItem(self.evidence_sp2)


        self.evidence_placeholder_layout.addLayout(self.evidence_placeholder_buttons)

        self.evidence_bottom = QSpacerItem(0, 0, QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Expanding)

        self.evidence_placeholder_layout.addItem(self.evidence_bottom)

        self.evidence_stack.addWidget(self.evidence_placeholder)
        self.evidence_holder = QWidget()
        self.evidence_holder.setObjectName(u"evidence_holder")
        self.evidence_holder_layout = QVBoxLayout(self.evidence_holder)
        self.evidence_holder_layout.setObjectName(u"evidence_holder_layout")
        self.evidence_holder_layout.setContentsMargins(0, 0, 0, 0)
        self.evidence_stack.addWidget(self.evidence_holder)

        self.evidence_tab_layout.addWidget(self.evidence_stack)

        self.tabs.addTab(self.evidence_tab, "")
        self.escalation_tab = QWidget()
        self.escalation_tab.setObjectName(u"escalation_tab")
        self.escalation_tab_layout = QVBoxLayout(self.escalation_tab)
        self.escalation_tab_layout.setSpacing(2)
        self.escalation_tab_layout.setObjectName(u"escalation_tab_layout")
        self.escalation_stack = QStackedWidget(self.escalation_tab)
        self.escalation_stack.setObjectName(u"escalation_stack")
        self.escalation_placeholder = QWidget()
        self.escalation_placeholder.setObjectName(u"escalation_placeholder")
        self.escalation_placeholder_layout = QVBoxLayout(self.escalation_placeholder)
        self.escalation_placeholder_layout.setSpacing(12)
        self.escalation_placeholder_layout.setObjectName(u"escalation_placeholder_layout")
        self.escalation_top = QSpacerItem(0, 0, QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Expanding)

        self.escalation_placeholder_layout.addItem(self.escalation_top)

        self.escalation_placeholder_text = QLabel(self.escalation_placeholder)
        self.escalation_placeholder_text.setObjectName(u"escalation_placeholder_text")
        self.escalation_placeholder_text.setAlignment(Qt.AlignCenter)
        self.escalation_placeholder_text.setWordWrap(True)

        self.escalation_placeholder_layout.addWidget(self.escalation_placeholder_text)

        self.escalation_placeholder_buttons = QHBoxLayout()
        self.escalation_placeholder_buttons.setObjectName(u"escalation_placeholder_buttons")
        self.escalation_sp1 = QSpacerItem(0, 0, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.escalation_placeholder_buttons.addItem(self.escalation_sp1)

        self.escalation_save = QPushButton(self.escalation_placeholder)
        self.escalation_save.setObjectName(u"escalation_save")
        self.escalation_save.setAutoDefault(False)

        self.escalation_placeholder_buttons.addWidget(self.escalation_save)

        self.escalation_sp2 = QSpacerItem(0, 0, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.escalation_placeholder_buttons.addItem(self.escalation_sp2)


        self.escalation_placeholder_layout.addLayout(self.escalation_placeholder_buttons)

        self.escalation_bottom = QSpacerItem(0, 0, QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Expanding)

        self.escalation_placeholder_layout.addItem(self.escalation_bottom)

        self.escalation_stack.addWidget(self.escalation_placeholder)
        self.escalation_holder = QWidget()
        self.escalation_holder.setObjectName(u"escalation_holder")
        self.escalation_holder_layout = QVBoxLayout(self.escalation_holder)
        self.escalation_holder_layout.setObjectName(u"escalation_holder_layout")
        self.escalation_holder_layout.setContentsMargins(0, 0, 0, 0)
        self.escalation_stack.addWidget(self.escalation_holder)

        self.escalation_tab_layout.addWidget(self.escalation_stack)

        self.tabs.addTab(self.escalation_tab, "")

        self.outer_layout.addWidget(self.tabs)

        self.bottom_layout = QHBoxLayout()
        self.bottom_layout.setObjectName(u"bottom_layout")
        self.save_hint = QLabel(IncidentEditor)
        self.save_hint.setObjectName(u"save_hint")
        self.save_hint.setProperty(u"role", u"muted")

        self.bottom_layout.addWidget(self.save_hint)

        self.buttons = QDialogButtonBox(IncidentEditor)
        self.buttons.setObjectName(u"buttons")
        self.buttons.setStandardButtons(QDialogButtonBox.Close|QDialogButtonBox.Save)

        self.bottom_layout.addWidget(self.buttons)


        self.outer_layout.addLayout(self.bottom_layout)

#if QT_CONFIG(shortcut)
        self.reported_by_label.setBuddy(self.reported_by)
        self.platform_label.setBuddy(self.platform)
        self.location_label.setBuddy(self.location)
        self.poster_account_label.setBuddy(self.poster_account)
        self.policy_edition_label.setBuddy(self.policy_edition)
        self.excerpt_label.setBuddy(self.excerpt)
        self.summary_label.setBuddy(self.summary)
#endif // QT_CONFIG(shortcut)
        QWidget.setTabOrder(self.tabs, self.reported_by)
        QWidget.setTabOrder(self.reported_by, self.platform)
        QWidget.setTabOrder(self.platform, self.location)
        QWidget.setTabOrder(self.location, self.on_school_forum)
        QWidget.setTabOrder(self.on_school_forum, self.content_still_up)
        QWidget.setTabOrder(self.content_still_up, self.policy_edition)
        QWidget.setTabOrder(self.policy_edition, self.excerpt)
        QWidget.setTabOrder(self.excerpt, self.summary)

        self.retranslateUi(IncidentEditor)

        self.tabs.setCurrentIndex(0)


        QMetaObject.connectSlotsByName(IncidentEditor)
    # setupUi

    def retranslateUi(self, IncidentEditor):
        IncidentEditor.setWindowTitle(QCoreApplication.translate("IncidentEditor", u"New incident", None))
        self.where_group.setTitle(QCoreApplication.translate("IncidentEditor", u"When and where", None))
        self.posted_on_label.setText(QCoreApplication.translate("IncidentEditor", u"Date &posted", None))
        self.posted_at_label.setText(QCoreApplication.translate("IncidentEditor", u"Time posted", None))
        self.seen_on_label.setText(QCoreApplication.translate("IncidentEditor", u"Date &seen", None))
        self.seen_at_label.setText(QCoreApplication.translate("IncidentEditor", u"Time seen", None))
        self.reported_by_label.setText(QCoreApplication.translate("IncidentEditor", u"&Reported by", None))
        self.reported_by.setPlaceholderText(QCoreApplication.translate("IncidentEditor", u"Who told the school about it", None))
        self.platform_label.setText(QCoreApplication.translate("IncidentEditor", u"P&latform", None))
        self.platform.setPlaceholderText(QCoreApplication.translate("IncidentEditor", u"Choose the site or app\u2026", None))
        self.location_label.setText(QCoreApplication.translate("IncidentEditor", u"E&xactly where", None))
        self.location.setPlaceholderText(QCoreApplication.translate("IncidentEditor", u"Web address, or the group or page name", None))
        self.on_school_forum.setText(QCoreApplication.translate("IncidentEditor", u"Posted on the school's own website or forum", None))
        self.content_still_up.setText(QCoreApplication.translate("IncidentEditor", u"The post is still up (it was there when last checked)", None))
        self.poster_label.setText(QCoreApplication.translate("IncidentEditor", u"Posted by", None))
        self.poster_account_label.setText(QCoreApplication.translate("IncidentEditor", u"Acco&unt that posted", None))
        self.poster_account.setPlaceholderText(QCoreApplication.translate("IncidentEditor", u"As the site shows it: @name, or the profile's web address", None))
        self.named_label.setText(QCoreApplication.translate("IncidentEditor", u"Pupils and staff\n"
"named or targeted", None))
        self.policy_edition_label.setText(QCoreApplication.translate("IncidentEditor", u"Policy &edition", None))
        self.what_group.setTitle(QCoreApplication.translate("IncidentEditor", u"What was posted", None))
        self.categories_label.setText(QCoreApplication.translate("IncidentEditor", u"What kind of misuse? Tick all that apply.", None))
        self.excerpt_label.setText(QCoreApplication.translate("IncidentEditor", u"The e&xact words posted (copy them exactly, spelling and all)", None))
        self.excerpt.setPlaceholderText(QCoreApplication.translate("IncidentEditor", u"Paste or type the post word for word", None))
        self.summary_label.setText(QCoreApplication.translate("IncidentEditor", u"S&ummary (what it is about, in your own words)", None))
        self.summary.setPlaceholderText(QCoreApplication.translate("IncidentEditor", u"e.g. Complains about the Year 4 trip and names Mr Patel", None))
        self.tabs.setTabText(self.tabs.indexOf(self.details_tab), QCoreApplication.translate("IncidentEditor", u"&Details", None))
        self.evidence_placeholder_text.setText(QCoreApplication.translate("IncidentEditor", u"Save the incident first to add evidence.\n"
"Screenshots and saved pages can be added as soon as it is saved.", None))
        self.evidence_save.setText(QCoreApplication.translate("IncidentEditor", u"Save the incident now", None))
        self.tabs.setTabText(self.tabs.indexOf(self.evidence_tab), QCoreApplication.translate("IncidentEditor", u"&Evidence", None))
        self.escalation_placeholder_text.setText(QCoreApplication.translate("IncidentEditor", u"Save the incident first to follow the policy's steps.\n"
"The suggested next step appears here once it is saved.", None))
        self.escalation_save.setText(QCoreApplication.translate("IncidentEditor", u"Save the incident now", None))
        self.tabs.setTabText(self.tabs.indexOf(self.escalation_tab), QCoreApplication.translate("IncidentEditor", u"Es&calation", None))
    # retranslateUi

