# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'person_dialog.ui'
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
from PySide6.QtWidgets import (QAbstractButton, QApplication, QComboBox, QDialog,
    QDialogButtonBox, QFormLayout, QFrame, QHBoxLayout,
    QLabel, QLineEdit, QPlainTextEdit, QScrollArea,
    QSizePolicy, QSpacerItem, QVBoxLayout, QWidget)

class Ui_PersonDialog(object):
    def setupUi(self, PersonDialog):
        if not PersonDialog.objectName():
            PersonDialog.setObjectName(u"PersonDialog")
        PersonDialog.resize(620, 600)
        self.outer_layout = QVBoxLayout(PersonDialog)
        self.outer_layout.setObjectName(u"outer_layout")
        self.scroll = QScrollArea(PersonDialog)
        self.scroll.setObjectName(u"scroll")
        self.scroll.setFrameShape(QFrame.NoFrame)
        self.scroll.setWidgetResizable(True)
        self.form_page = QWidget()
        self.form_page.setObjectName(u"form_page")
        self.page_layout = QVBoxLayout(self.form_page)
        self.page_layout.setObjectName(u"page_layout")
        self.form = QFormLayout()
        self.form.setObjectName(u"form")
        self.form.setFieldGrowthPolicy(QFormLayout.AllNonFixedFieldsGrow)
        self.full_name_label = QLabel(self.form_page)
        self.full_name_label.setObjectName(u"full_name_label")

        self.form.setWidget(0, QFormLayout.ItemRole.LabelRole, self.full_name_label)

        self.full_name_box = QVBoxLayout()
        self.full_name_box.setSpacing(2)
        self.full_name_box.setObjectName(u"full_name_box")
        self.full_name = QLineEdit(self.form_page)
        self.full_name.setObjectName(u"full_name")

        self.full_name_box.addWidget(self.full_name)

        self.full_name_error = QLabel(self.form_page)
        self.full_name_error.setObjectName(u"full_name_error")
        self.full_name_error.setWordWrap(True)
        self.full_name_error.setProperty(u"role", u"error")

        self.full_name_box.addWidget(self.full_name_error)


        self.form.setLayout(0, QFormLayout.ItemRole.FieldRole, self.full_name_box)

        self.name_parts_label = QLabel(self.form_page)
        self.name_parts_label.setObjectName(u"name_parts_label")

        self.form.setWidget(1, QFormLayout.ItemRole.LabelRole, self.name_parts_label)

        self.name_parts_box = QVBoxLayout()
        self.name_parts_box.setSpacing(2)
        self.name_parts_box.setObjectName(u"name_parts_box")
        self.name_parts_row = QHBoxLayout()
        self.name_parts_row.setObjectName(u"name_parts_row")
        self.title = QLineEdit(self.form_page)
        self.title.setObjectName(u"title")
        self.title.setMaximumWidth(80)
        self.title.setMaxLength(40)

        self.name_parts_row.addWidget(self.title)

        self.forenames = QLineEdit(self.form_page)
        self.forenames.setObjectName(u"forenames")
        self.forenames.setMaxLength(200)

        self.name_parts_row.addWidget(self.forenames)

        self.surname = QLineEdit(self.form_page)
        self.surname.setObjectName(u"surname")
        self.surname.setMaxLength(200)

        self.name_parts_row.addWidget(self.surname)


        self.name_parts_box.addLayout(self.name_parts_row)

        self.name_parts_error = QLabel(self.form_page)
        self.name_parts_error.setObjectName(u"name_parts_error")
        self.name_parts_error.setWordWrap(True)
        self.name_parts_error.setProperty(u"role", u"error")

        self.name_parts_box.addWidget(self.name_parts_error)


        self.form.setLayout(1, QFormLayout.ItemRole.FieldRole, self.name_parts_box)

        self.salutation_label = QLabel(self.form_page)
        self.salutation_label.setObjectName(u"salutation_label")

        self.form.setWidget(2, QFormLayout.ItemRole.LabelRole, self.salutation_label)

        self.salutation_box = QVBoxLayout()
        self.salutation_box.setSpacing(2)
        self.salutation_box.setObjectName(u"salutation_box")
        self.salutation = QLineEdit(self.form_page)
        self.salutation.setObjectName(u"salutation")
        self.salutation.setMaxLength(200)

        self.salutation_box.addWidget(self.salutation)

        self.salutation_preview = QLabel(self.form_page)
        self.salutation_preview.setObjectName(u"salutation_preview")
        self.salutation_preview.setWordWrap(True)
        self.salutation_preview.setProperty(u"role", u"muted")

        self.salutation_box.addWidget(self.salutation_preview)


        self.form.setLayout(2, QFormLayout.ItemRole.FieldRole, self.salutation_box)

        self.role_label = QLabel(self.form_page)
        self.role_label.setObjectName(u"role_label")

        self.form.setWidget(3, QFormLayout.ItemRole.LabelRole, self.role_label)

        self.role_box = QVBoxLayout()
        self.role_box.setSpacing(2)
        self.role_box.setObjectName(u"role_box")
        self.role = QComboBox(self.form_page)
        self.role.setObjectName(u"role")

        self.role_box.addWidget(self.role)

        self.role_help = QLabel(self.form_page)
        self.role_help.setObjectName(u"role_help")
        self.role_help.setWordWrap(True)
        self.role_help.setProperty(u"role", u"muted")

        self.role_box.addWidget(self.role_help)

        self.role_error = QLabel(self.form_page)
        self.role_error.setObjectName(u"role_error")
        self.role_error.setWordWrap(True)
        self.role_error.setProperty(u"role", u"error")

        self.role_box.addWidget(self.role_error)


        self.form.setLayout(3, QFormLayout.ItemRole.FieldRole, self.role_box)

        self.class_name_label = QLabel(self.form_page)
        self.class_name_label.setObjectName(u"class_name_label")

        self.form.setWidget(4, QFormLayout.ItemRole.LabelRole, self.class_name_label)

        self.class_name = QLineEdit(self.form_page)
        self.class_name.setObjectName(u"class_name")

        self.form.setWidget(4, QFormLayout.ItemRole.FieldRole, self.class_name)

        self.year_group_label = QLabel(self.form_page)
        self.year_group_label.setObjectName(u"year_group_label")

        self.form.setWidget(5, QFormLayout.ItemRole.LabelRole, self.year_group_label)

        self.year_group = QLineEdit(self.form_page)
        self.year_group.setObjectName(u"year_group")

        self.form.setWidget(5, QFormLayout.ItemRole.FieldRole, self.year_group)

        self.email_label = QLabel(self.form_page)
        self.email_label.setObjectName(u"email_label")

        self.form.setWidget(6, QFormLayout.ItemRole.LabelRole, self.email_label)

        self.email_box = QVBoxLayout()
        self.email_box.setSpacing(2)
        self.email_box.setObjectName(u"email_box")
        self.email = QLineEdit(self.form_page)
        self.email.setObjectName(u"email")

        self.email_box.addWidget(self.email)

        self.email_error = QLabel(self.form_page)
        self.email_error.setObjectName(u"email_error")
        self.email_error.setWordWrap(True)
        self.email_error.setProperty(u"role", u"error")

        self.email_box.addWidget(self.email_error)


        self.form.setLayout(6, QFormLayout.ItemRole.FieldRole, self.email_box)

        self.phone_label = QLabel(self.form_page)
        self.phone_label.setObjectName(u"phone_label")

        self.form.setWidget(7, QFormLayout.ItemRole.LabelRole, self.phone_label)

        self.phone = QLineEdit(self.form_page)
        self.phone.setObjectName(u"phone")

        self.form.setWidget(7, QFormLayout.ItemRole.FieldRole, self.phone)

        self.address_label = QLabel(self.form_page)
        self.address_label.setObjectName(u"address_label")

        self.form.setWidget(8, QFormLayout.ItemRole.LabelRole, self.address_label)

        self.address = QPlainTextEdit(self.form_page)
        self.address.setObjectName(u"address")
        self.address.setMaximumSize(QSize(16777215, 70))
        self.address.setTabChangesFocus(True)

        self.form.setWidget(8, QFormLayout.ItemRole.FieldRole, self.address)

        self.linked_label = QLabel(self.form_page)
        self.linked_label.setObjectName(u"linked_label")

        self.form.setWidget(9, QFormLayout.ItemRole.LabelRole, self.linked_label)

        self.linked_box = QVBoxLayout()
        self.linked_box.setSpacing(2)
        self.linked_box.setObjectName(u"linked_box")
        self.linked_holder = QWidget(self.form_page)
        self.linked_holder.setObjectName(u"linked_holder")
        self.linked_layout = QVBoxLayout(self.linked_holder)
        self.linked_layout.setObjectName(u"linked_layout")
        self.linked_layout.setContentsMargins(0, 0, 0, 0)

        self.linked_box.addWidget(self.linked_holder)

        self.linked_error = QLabel(self.form_page)
        self.linked_error.setObjectName(u"linked_error")
        self.linked_error.setWordWrap(True)
        self.linked_error.setProperty(u"role", u"error")

        self.linked_box.addWidget(self.linked_error)


        self.form.setLayout(9, QFormLayout.ItemRole.FieldRole, self.linked_box)

        self.notes_label = QLabel(self.form_page)
        self.notes_label.setObjectName(u"notes_label")

        self.form.setWidget(10, QFormLayout.ItemRole.LabelRole, self.notes_label)

        self.notes_box = QVBoxLayout()
        self.notes_box.setSpacing(2)
        self.notes_box.setObjectName(u"notes_box")
        self.notes = QPlainTextEdit(self.form_page)
        self.notes.setObjectName(u"notes")
        self.notes.setMaximumSize(QSize(16777215, 90))
        self.notes.setTabChangesFocus(True)

        self.notes_box.addWidget(self.notes)

        self.notes_error = QLabel(self.form_page)
        self.notes_error.setObjectName(u"notes_error")
        self.notes_error.setWordWrap(True)
        self.notes_error.setProperty(u"role", u"error")

        self.notes_box.addWidget(self.notes_error)


        self.form.setLayout(10, QFormLayout.ItemRole.FieldRole, self.notes_box)


        self.page_layout.addLayout(self.form)

        self.page_spacer = QSpacerItem(0, 0, QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Expanding)

        self.page_layout.addItem(self.page_spacer)

        self.scroll.setWidget(self.form_page)

        self.outer_layout.addWidget(self.scroll)

        self.general_error = QLabel(PersonDialog)
        self.general_error.setObjectName(u"general_error")
        self.general_error.setWordWrap(True)
        self.general_error.setProperty(u"role", u"error")

        self.outer_layout.addWidget(self.general_error)

        self.buttons = QDialogButtonBox(PersonDialog)
        self.buttons.setObjectName(u"buttons")
        self.buttons.setStandardButtons(QDialogButtonBox.Cancel|QDialogButtonBox.Save)

        self.outer_layout.addWidget(self.buttons)

#if QT_CONFIG(shortcut)
        self.full_name_label.setBuddy(self.full_name)
        self.name_parts_label.setBuddy(self.title)
        self.salutation_label.setBuddy(self.salutation)
        self.role_label.setBuddy(self.role)
        self.class_name_label.setBuddy(self.class_name)
        self.year_group_label.setBuddy(self.year_group)
        self.email_label.setBuddy(self.email)
        self.phone_label.setBuddy(self.phone)
        self.address_label.setBuddy(self.address)
        self.notes_label.setBuddy(self.notes)
#endif // QT_CONFIG(shortcut)
        QWidget.setTabOrder(self.full_name, self.title)
        QWidget.setTabOrder(self.title, self.forenames)
        QWidget.setTabOrder(self.forenames, self.surname)
        QWidget.setTabOrder(self.surname, self.salutation)
        QWidget.setTabOrder(self.salutation, self.role)
        QWidget.setTabOrder(self.role, self.class_name)
        QWidget.setTabOrder(self.class_name, self.year_group)
        QWidget.setTabOrder(self.year_group, self.email)
        QWidget.setTabOrder(self.email, self.phone)
        QWidget.setTabOrder(self.phone, self.address)
        QWidget.setTabOrder(self.address, self.notes)

        self.retranslateUi(PersonDialog)

        QMetaObject.connectSlotsByName(PersonDialog)
    # setupUi

    def retranslateUi(self, PersonDialog):
        PersonDialog.setWindowTitle(QCoreApplication.translate("PersonDialog", u"Person", None))
        self.full_name_label.setText(QCoreApplication.translate("PersonDialog", u"&Name", None))
        self.full_name.setPlaceholderText(QCoreApplication.translate("PersonDialog", u"Full name, as the school knows them", None))
        self.name_parts_label.setText(QCoreApplication.translate("PersonDialog", u"&Title and names", None))
        self.title.setPlaceholderText(QCoreApplication.translate("PersonDialog", u"Title", None))
#if QT_CONFIG(accessibility)
        self.title.setAccessibleName(QCoreApplication.translate("PersonDialog", u"Title (Mr, Mrs, Ms, Dr\u2026)", None))
#endif // QT_CONFIG(accessibility)
        self.forenames.setPlaceholderText(QCoreApplication.translate("PersonDialog", u"Forenames", None))
#if QT_CONFIG(accessibility)
        self.forenames.setAccessibleName(QCoreApplication.translate("PersonDialog", u"Forenames", None))
#endif // QT_CONFIG(accessibility)
        self.surname.setPlaceholderText(QCoreApplication.translate("PersonDialog", u"Surname", None))
#if QT_CONFIG(accessibility)
        self.surname.setAccessibleName(QCoreApplication.translate("PersonDialog", u"Surname", None))
#endif // QT_CONFIG(accessibility)
        self.salutation_label.setText(QCoreApplication.translate("PersonDialog", u"&Letters begin", None))
        self.salutation.setPlaceholderText(QCoreApplication.translate("PersonDialog", u"Only to say it differently, e.g. Mr and Mrs Okafor", None))
#if QT_CONFIG(accessibility)
        self.salutation.setAccessibleName(QCoreApplication.translate("PersonDialog", u"Salutation: what letters say after Dear", None))
#endif // QT_CONFIG(accessibility)
        self.role_label.setText(QCoreApplication.translate("PersonDialog", u"&Role", None))
        self.class_name_label.setText(QCoreApplication.translate("PersonDialog", u"&Class", None))
        self.class_name.setPlaceholderText(QCoreApplication.translate("PersonDialog", u"e.g. 3B", None))
        self.year_group_label.setText(QCoreApplication.translate("PersonDialog", u"&Year group", None))
        self.year_group.setPlaceholderText(QCoreApplication.translate("PersonDialog", u"e.g. Year 3", None))
        self.email_label.setText(QCoreApplication.translate("PersonDialog", u"&Email", None))
        self.phone_label.setText(QCoreApplication.translate("PersonDialog", u"&Phone", None))
        self.address_label.setText(QCoreApplication.translate("PersonDialog", u"&Address", None))
        self.linked_label.setText(QCoreApplication.translate("PersonDialog", u"Their children", None))
        self.notes_label.setText(QCoreApplication.translate("PersonDialog", u"N&otes", None))
    # retranslateUi

