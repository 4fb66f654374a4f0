# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'settings.ui'
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
from PySide6.QtWidgets import (QApplication, QComboBox, QFrame, QGridLayout,
    QHBoxLayout, QLabel, QLineEdit, QPlainTextEdit,
    QPushButton, QSizePolicy, QSpacerItem, QSpinBox,
    QVBoxLayout, QWidget)

class Ui_SettingsPage(object):
    def setupUi(self, SettingsPage):
        if not SettingsPage.objectName():
            SettingsPage.setObjectName(u"SettingsPage")
        SettingsPage.resize(900, 620)
        self.pageLayout = QVBoxLayout(SettingsPage)
        self.pageLayout.setSpacing(10)
        self.pageLayout.setObjectName(u"pageLayout")
        self.heading = QLabel(SettingsPage)
        self.heading.setObjectName(u"heading")

        self.pageLayout.addWidget(self.heading)

        self.intro = QLabel(SettingsPage)
        self.intro.setObjectName(u"intro")
        self.intro.setWordWrap(True)

        self.pageLayout.addWidget(self.intro)

        self.fields = QGridLayout()
        self.fields.setObjectName(u"fields")
        self.fields.setHorizontalSpacing(12)
        self.fields.setVerticalSpacing(8)
        self.schoolNameLabel = QLabel(SettingsPage)
        self.schoolNameLabel.setObjectName(u"schoolNameLabel")

        self.fields.addWidget(self.schoolNameLabel, 0, 0, 1, 1)

        self.schoolName = QLineEdit(SettingsPage)
        self.schoolName.setObjectName(u"schoolName")
        self.schoolName.setMinimumWidth(380)
        self.schoolName.setMaxLength(200)

        self.fields.addWidget(self.schoolName, 0, 1, 1, 1)

        self.schoolNameError = QLabel(SettingsPage)
        self.schoolNameError.setObjectName(u"schoolNameError")
        self.schoolNameError.setWordWrap(True)

        self.fields.addWidget(self.schoolNameError, 0, 2, 1, 1)

        self.addressLabel = QLabel(SettingsPage)
        self.addressLabel.setObjectName(u"addressLabel")
        self.addressLabel.setAlignment(Qt.AlignLeading|Qt.AlignLeft|Qt.AlignTop)

        self.fields.addWidget(self.addressLabel, 1, 0, 1, 1)

        self.address = QPlainTextEdit(SettingsPage)
        self.address.setObjectName(u"address")
        self.address.setMinimumWidth(380)
        self.address.setMaximumHeight(84)
        self.address.setTabChangesFocus(True)

        self.fields.addWidget(self.address, 1, 1, 1, 1)

        self.addressError = QLabel(SettingsPage)
        self.addressError.setObjectName(u"addressError")
        self.addressError.setWordWrap(True)

        self.fields.addWidget(self.addressError, 1, 2, 1, 1)

        self.headNameLabel = QLabel(SettingsPage)
        self.headNameLabel.setObjectName(u"headNameLabel")

        self.fields.addWidget(self.headNameLabel, 2, 0, 1, 1)

        self.headName = QLineEdit(SettingsPage)
        self.headName.setObjectName(u"headName")
        self.headName.setMaxLength(200)

        self.fields.addWidget(self.headName, 2, 1, 1, 1)

        self.headNameError = QLabel(SettingsPage)
        self.headNameError.setObjectName(u"headNameError")
        self.headNameError.setWordWrap(True)

        self.fields.addWidget(self.headNameError, 2, 2, 1, 1)

        self.policyEditionLabel = QLabel(SettingsPage)
        self.policyEditionLabel.setObjectName(u"policyEditionLabel")

        self.fields.addWidget(self.policyEditionLabel, 3, 0, 1, 1)

        self.policyEdition = QComboBox(SettingsPage)
        self.policyEdition.setObjectName(u"policyEdition")

        self.fields.addWidget(self.policyEdition, 3, 1, 1, 1)

        self.policyEditionError = QLabel(SettingsPage)
        self.policyEditionError.setObjectName(u"policyEditionError")
        self.policyEditionError.setWordWrap(True)

        self.fields.addWidget(self.policyEditionError, 3, 2, 1, 1)

        self.evidenceLimitLabel = QLabel(SettingsPage)
        self.evidenceLimitLabel.setObjectName(u"evidenceLimitLabel")

        self.fields.addWidget(self.evidenceLimitLabel, 4, 0, 1, 1)

        self.evidenceLimit = QSpinBox(SettingsPage)
        self.evidenceLimit.setObjectName(u"evidenceLimit")
        self.evidenceLimit.setMaximumWidth(140)
        self.evidenceLimit.setMinimum(1)
        self.evidenceLimit.setMaximum(500)
        self.evidenceLimit.setValue(25)

        self.fields.addWidget(self.evidenceLimit, 4, 1, 1, 1)

        self.evidenceLimitError = QLabel(SettingsPage)
        self.evidenceLimitError.setObjectName(u"evidenceLimitError")
        self.evidenceLimitError.setWordWrap(True)

        self.fields.addWidget(self.evidenceLimitError, 4, 2, 1, 1)

        self.followUpDaysLabel = QLabel(SettingsPage)
        self.followUpDaysLabel.setObjectName(u"followUpDaysLabel")

        self.fields.addWidget(self.followUpDaysLabel, 5, 0, 1, 1)

        self.followUpDays = QSpinBox(SettingsPage)
        self.followUpDays.setObjectName(u"followUpDays")
        self.followUpDays.setMaximumWidth(140)
        self.followUpDays.setMinimum(1)
        self.followUpDays.setMaximum(365)
        self.followUpDays.setValue(7)

        self.fields.addWidget(self.followUpDays, 5, 1, 1, 1)

        self.followUpDaysError = QLabel(SettingsPage)
        self.followUpDaysError.setObjectName(u"followUpDaysError")
        self.followUpDaysError.setWordWrap(True)

        self.fields.addWidget(self.followUpDaysError, 5, 2, 1, 1)

        self.fields.setColumnStretch(2, 1)

        self.pageLayout.addLayout(self.fields)

        self.saveRow = QHBoxLayout()
        self.saveRow.setObjectName(u"saveRow")
        self.saveButton = QPushButton(SettingsPage)
        self.saveButton.setObjectName(u"saveButton")

        self.saveRow.addWidget(self.saveButton)

        self.savedLabel = QLabel(SettingsPage)
        self.savedLabel.setObjectName(u"savedLabel")

        self.saveRow.addWidget(self.savedLabel)

        self.saveSpacer = QSpacerItem(0, 0, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.saveRow.addItem(self.saveSpacer)


        self.pageLayout.addLayout(self.saveRow)

        self.divider = QFrame(SettingsPage)
        self.divider.setObjectName(u"divider")
        self.divider.setFrameShape(QFrame.Shape.HLine)
        self.divider.setFrameShadow(QFrame.Shadow.Sunken)

        self.pageLayout.addWidget(self.divider)

        self.dataHeading = QLabel(SettingsPage)
        self.dataHeading.setObjectName(u"dataHeading")

        self.pageLayout.addWidget(self.dataHeading)

        self.dataIntro = QLabel(SettingsPage)
        self.dataIntro.setObjectName(u"dataIntro")
        self.dataIntro.setWordWrap(True)

        self.pageLayout.addWidget(self.dataIntro)

        self.folderRow = QHBoxLayout()
        self.folderRow.setObjectName(u"folderRow")
        self.dataFolder = QLineEdit(SettingsPage)
        self.dataFolder.setObjectName(u"dataFolder")
        self.dataFolder.setReadOnly(True)

        self.folderRow.addWidget(self.dataFolder)

        self.openFolderButton = QPushButton(SettingsPage)
        self.openFolderButton.setObjectName(u"openFolderButton")

        self.folderRow.addWidget(self.openFolderButton)


        self.pageLayout.addLayout(self.folderRow)

        self.bottomSpacer = QSpacerItem(0, 0, QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Expanding)

        self.pageLayout.addItem(self.bottomSpacer)

#if QT_CONFIG(shortcut)
        self.schoolNameLabel.setBuddy(self.schoolName)
        self.addressLabel.setBuddy(self.address)
        self.headNameLabel.setBuddy(self.headName)
        self.policyEditionLabel.setBuddy(self.policyEdition)
        self.evidenceLimitLabel.setBuddy(self.evidenceLimit)
        self.followUpDaysLabel.setBuddy(self.followUpDays)
#endif // QT_CONFIG(shortcut)
        QWidget.setTabOrder(self.schoolName, self.address)
        QWidget.setTabOrder(self.address, self.headName)
        QWidget.setTabOrder(self.headName, self.policyEdition)
        QWidget.setTabOrder(self.policyEdition, self.evidenceLimit)
        QWidget.setTabOrder(self.evidenceLimit, self.followUpDays)
        QWidget.setTabOrder(self.followUpDays, self.saveButton)
        QWidget.setTabOrder(self.saveButton, self.dataFolder)
        QWidget.setTabOrder(self.dataFolder, self.openFolderButton)

        self.retranslateUi(SettingsPage)

        QMetaObject.connectSlotsByName(SettingsPage)
    # setupUi

    def retranslateUi(self, SettingsPage):
        self.heading.setText(QCoreApplication.translate("SettingsPage", u"Settings", None))
        self.intro.setText(QCoreApplication.translate("SettingsPage", u"Your school's details appear on letters and reports. Changes take effect when you press Save.", None))
        self.schoolNameLabel.setText(QCoreApplication.translate("SettingsPage", u"School &name", None))
#if QT_CONFIG(accessibility)
        self.schoolName.setAccessibleName(QCoreApplication.translate("SettingsPage", u"School name", None))
#endif // QT_CONFIG(accessibility)
        self.addressLabel.setText(QCoreApplication.translate("SettingsPage", u"&Address", None))
#if QT_CONFIG(accessibility)
        self.address.setAccessibleName(QCoreApplication.translate("SettingsPage", u"School address", None))
#endif // QT_CONFIG(accessibility)
        self.headNameLabel.setText(QCoreApplication.translate("SettingsPage", u"&Headteacher", None))
#if QT_CONFIG(accessibility)
        self.headName.setAccessibleName(QCoreApplication.translate("SettingsPage", u"Headteacher's name", None))
#endif // QT_CONFIG(accessibility)
        self.policyEditionLabel.setText(QCoreApplication.translate("SettingsPage", u"&Policy in use", None))
#if QT_CONFIG(accessibility)
        self.policyEdition.setAccessibleName(QCoreApplication.translate("SettingsPage", u"Policy edition in use", None))
#endif // QT_CONFIG(accessibility)
        self.evidenceLimitLabel.setText(QCoreApplication.translate("SettingsPage", u"&Largest evidence file", None))
        self.evidenceLimit.setSuffix(QCoreApplication.translate("SettingsPage", u" MB", None))
#if QT_CONFIG(tooltip)
        self.evidenceLimit.setToolTip(QCoreApplication.translate("SettingsPage", u"Screenshots and files bigger than this are refused, so the data folder stays a size the school can back up.", None))
#endif // QT_CONFIG(tooltip)
#if QT_CONFIG(accessibility)
        self.evidenceLimit.setAccessibleName(QCoreApplication.translate("SettingsPage", u"Evidence size limit in megabytes", None))
#endif // QT_CONFIG(accessibility)
        self.followUpDaysLabel.setText(QCoreApplication.translate("SettingsPage", u"&Follow up after", None))
        self.followUpDays.setSuffix(QCoreApplication.translate("SettingsPage", u" days", None))
#if QT_CONFIG(tooltip)
        self.followUpDays.setToolTip(QCoreApplication.translate("SettingsPage", u"When a step is recorded, its follow-up date is suggested this many days ahead.", None))
#endif // QT_CONFIG(tooltip)
#if QT_CONFIG(accessibility)
        self.followUpDays.setAccessibleName(QCoreApplication.translate("SettingsPage", u"Default follow-up days", None))
#endif // QT_CONFIG(accessibility)
        self.saveButton.setText(QCoreApplication.translate("SettingsPage", u"&Save changes", None))
#if QT_CONFIG(accessibility)
        self.saveButton.setAccessibleName(QCoreApplication.translate("SettingsPage", u"Save settings", None))
#endif // QT_CONFIG(accessibility)
        self.dataHeading.setText(QCoreApplication.translate("SettingsPage", u"Where the records are kept", None))
        self.dataIntro.setText(QCoreApplication.translate("SettingsPage", u"The database and every evidence file are in this folder. Include it in the school's backups.", None))
#if QT_CONFIG(accessibility)
        self.dataFolder.setAccessibleName(QCoreApplication.translate("SettingsPage", u"Data folder", None))
#endif // QT_CONFIG(accessibility)
        self.openFolderButton.setText(QCoreApplication.translate("SettingsPage", u"&Open folder", None))
#if QT_CONFIG(accessibility)
        self.openFolderButton.setAccessibleName(QCoreApplication.translate("SettingsPage", u"Open the data folder", None))
#endif // QT_CONFIG(accessibility)
        pass
    # retranslateUi

