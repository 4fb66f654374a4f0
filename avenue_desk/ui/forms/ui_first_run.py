# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'first_run.ui'
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
from PySide6.QtWidgets import (QApplication, QComboBox, QDialog, QFrame,
    QGridLayout, QHBoxLayout, QLabel, QLineEdit,
    QPlainTextEdit, QPushButton, QSizePolicy, QSpacerItem,
    QVBoxLayout, QWidget)

class Ui_FirstRunDialog(object):
    def setupUi(self, FirstRunDialog):
        if not FirstRunDialog.objectName():
            FirstRunDialog.setObjectName(u"FirstRunDialog")
        FirstRunDialog.resize(760, 420)
        self.dialogLayout = QVBoxLayout(FirstRunDialog)
        self.dialogLayout.setSpacing(10)
        self.dialogLayout.setObjectName(u"dialogLayout")
        self.heading = QLabel(FirstRunDialog)
        self.heading.setObjectName(u"heading")

        self.dialogLayout.addWidget(self.heading)

        self.intro = QLabel(FirstRunDialog)
        self.intro.setObjectName(u"intro")
        self.intro.setWordWrap(True)

        self.dialogLayout.addWidget(self.intro)

        self.fields = QGridLayout()
        self.fields.setObjectName(u"fields")
        self.fields.setHorizontalSpacing(12)
        self.fields.setVerticalSpacing(8)
        self.schoolNameLabel = QLabel(FirstRunDialog)
        self.schoolNameLabel.setObjectName(u"schoolNameLabel")

        self.fields.addWidget(self.schoolNameLabel, 0, 0, 1, 1)

        self.schoolName = QLineEdit(FirstRunDialog)
        self.schoolName.setObjectName(u"schoolName")
        self.schoolName.setMinimumWidth(340)
        self.schoolName.setMaxLength(200)

        self.fields.addWidget(self.schoolName, 0, 1, 1, 1)

        self.schoolNameError = QLabel(FirstRunDialog)
        self.schoolNameError.setObjectName(u"schoolNameError")
        self.schoolNameError.setWordWrap(True)

        self.fields.addWidget(self.schoolNameError, 0, 2, 1, 1)

        self.addressLabel = QLabel(FirstRunDialog)
        self.addressLabel.setObjectName(u"addressLabel")
        self.addressLabel.setAlignment(Qt.AlignLeading|Qt.AlignLeft|Qt.AlignTop)

        self.fields.addWidget(self.addressLabel, 1, 0, 1, 1)

        self.address = QPlainTextEdit(FirstRunDialog)
        self.address.setObjectName(u"address")
        self.address.setMaximumHeight(84)
        self.address.setTabChangesFocus(True)

        self.fields.addWidget(self.address, 1, 1, 1, 1)

        self.addressError = QLabel(FirstRunDialog)
        self.addressError.setObjectName(u"addressError")
        self.addressError.setWordWrap(True)

        self.fields.addWidget(self.addressError, 1, 2, 1, 1)

        self.headNameLabel = QLabel(FirstRunDialog)
        self.headNameLabel.setObjectName(u"headNameLabel")

        self.fields.addWidget(self.headNameLabel, 2, 0, 1, 1)

        self.headName = QLineEdit(FirstRunDialog)
        self.headName.setObjectName(u"headName")
        self.headName.setMaxLength(200)

        self.fields.addWidget(self.headName, 2, 1, 1, 1)

        self.headNameError = QLabel(FirstRunDialog)
        self.headNameError.setObjectName(u"headNameError")
        self.headNameError.setWordWrap(True)

        self.fields.addWidget(self.headNameError, 2, 2, 1, 1)

        self.policyEditionLabel = QLabel(FirstRunDialog)
        self.policyEditionLabel.setObjectName(u"policyEditionLabel")

        self.fields.addWidget(self.policyEditionLabel, 3, 0, 1, 1)

        self.policyEdition = QComboBox(FirstRunDialog)
        self.policyEdition.setObjectName(u"policyEdition")

        self.fields.addWidget(self.policyEdition, 3, 1, 1, 1)

        self.policyEditionError = QLabel(FirstRunDialog)
        self.policyEditionError.setObjectName(u"policyEditionError")
        self.policyEditionError.setWordWrap(True)

        self.fields.addWidget(self.policyEditionError, 3, 2, 1, 1)

        self.policyNote = QLabel(FirstRunDialog)
        self.policyNote.setObjectName(u"policyNote")
        self.policyNote.setWordWrap(True)

        self.fields.addWidget(self.policyNote, 4, 1, 1, 2)

        self.fields.setColumnStretch(2, 1)

        self.dialogLayout.addLayout(self.fields)

        self.middleSpacer = QSpacerItem(10, 12, QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Expanding)

        self.dialogLayout.addItem(self.middleSpacer)

        self.divider = QFrame(FirstRunDialog)
        self.divider.setObjectName(u"divider")
        self.divider.setFrameShape(QFrame.Shape.HLine)
        self.divider.setFrameShadow(QFrame.Shadow.Sunken)

        self.dialogLayout.addWidget(self.divider)

        self.buttonRow = QHBoxLayout()
        self.buttonRow.setObjectName(u"buttonRow")
        self.demoColumn = QVBoxLayout()
        self.demoColumn.setObjectName(u"demoColumn")
        self.demoButton = QPushButton(FirstRunDialog)
        self.demoButton.setObjectName(u"demoButton")
        self.demoButton.setAutoDefault(False)

        self.demoColumn.addWidget(self.demoButton, 0, Qt.AlignLeft)

        self.demoNote = QLabel(FirstRunDialog)
        self.demoNote.setObjectName(u"demoNote")
        self.demoNote.setWordWrap(True)

        self.demoColumn.addWidget(self.demoNote)


        self.buttonRow.addLayout(self.demoColumn)

        self.buttonSpacer = QSpacerItem(24, 10, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.buttonRow.addItem(self.buttonSpacer)

        self.startButton = QPushButton(FirstRunDialog)
        self.startButton.setObjectName(u"startButton")

        self.buttonRow.addWidget(self.startButton, 0, Qt.AlignTop)

        self.buttonRow.setStretch(0, 1)

        self.dialogLayout.addLayout(self.buttonRow)

#if QT_CONFIG(shortcut)
        self.schoolNameLabel.setBuddy(self.schoolName)
        self.addressLabel.setBuddy(self.address)
        self.headNameLabel.setBuddy(self.headName)
        self.policyEditionLabel.setBuddy(self.policyEdition)
#endif // QT_CONFIG(shortcut)
        QWidget.setTabOrder(self.schoolName, self.address)
        QWidget.setTabOrder(self.address, self.headName)
        QWidget.setTabOrder(self.headName, self.policyEdition)
        QWidget.setTabOrder(self.policyEdition, self.startButton)
        QWidget.setTabOrder(self.startButton, self.demoButton)

        self.retranslateUi(FirstRunDialog)

        self.startButton.setDefault(True)


        QMetaObject.connectSlotsByName(FirstRunDialog)
    # setupUi

    def retranslateUi(self, FirstRunDialog):
        FirstRunDialog.setWindowTitle(QCoreApplication.translate("FirstRunDialog", u"Welcome to Avenue Desk", None))
        self.heading.setText(QCoreApplication.translate("FirstRunDialog", u"Welcome to Avenue Desk", None))
        self.intro.setText(QCoreApplication.translate("FirstRunDialog", u"Before you start, tell Avenue Desk about your school. These details go on letters and reports, and you can change them later in Settings.", None))
        self.schoolNameLabel.setText(QCoreApplication.translate("FirstRunDialog", u"School &name", None))
        self.schoolName.setPlaceholderText(QCoreApplication.translate("FirstRunDialog", u"e.g. The Avenue Primary School", None))
#if QT_CONFIG(accessibility)
        self.schoolName.setAccessibleName(QCoreApplication.translate("FirstRunDialog", u"School name", None))
#endif // QT_CONFIG(accessibility)
        self.addressLabel.setText(QCoreApplication.translate("FirstRunDialog", u"&Address", None))
#if QT_CONFIG(accessibility)
        self.address.setAccessibleName(QCoreApplication.translate("FirstRunDialog", u"School address", None))
#endif // QT_CONFIG(accessibility)
        self.headNameLabel.setText(QCoreApplication.translate("FirstRunDialog", u"&Headteacher", None))
#if QT_CONFIG(accessibility)
        self.headName.setAccessibleName(QCoreApplication.translate("FirstRunDialog", u"Headteacher's name", None))
#endif // QT_CONFIG(accessibility)
        self.policyEditionLabel.setText(QCoreApplication.translate("FirstRunDialog", u"&Policy in use", None))
#if QT_CONFIG(accessibility)
        self.policyEdition.setAccessibleName(QCoreApplication.translate("FirstRunDialog", u"Policy edition in use", None))
#endif // QT_CONFIG(accessibility)
        self.policyNote.setText(QCoreApplication.translate("FirstRunDialog", u"The edition of the social media policy the school follows now. An incident from before it was adopted is judged by the edition in force at the time.", None))
        self.demoButton.setText(QCoreApplication.translate("FirstRunDialog", u"&Explore a fictional demo school instead", None))
#if QT_CONFIG(accessibility)
        self.demoButton.setAccessibleName(QCoreApplication.translate("FirstRunDialog", u"Explore a fictional demo school instead", None))
#endif // QT_CONFIG(accessibility)
        self.demoNote.setText(QCoreApplication.translate("FirstRunDialog", u"A made-up school with example incidents, kept in its own folder so it never mixes with your school's records.", None))
        self.startButton.setText(QCoreApplication.translate("FirstRunDialog", u"&Start using Avenue Desk", None))
#if QT_CONFIG(accessibility)
        self.startButton.setAccessibleName(QCoreApplication.translate("FirstRunDialog", u"Save these details and start", None))
#endif // QT_CONFIG(accessibility)
    # retranslateUi

