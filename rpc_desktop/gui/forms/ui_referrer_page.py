# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'referrer_page.ui'
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
from PySide6.QtWidgets import (QApplication, QComboBox, QFormLayout, QGroupBox,
    QLabel, QLineEdit, QPlainTextEdit, QSizePolicy,
    QSpacerItem, QVBoxLayout, QWidget)

class Ui_ReferrerPageForm(object):
    def setupUi(self, ReferrerPageForm):
        if not ReferrerPageForm.objectName():
            ReferrerPageForm.setObjectName(u"ReferrerPageForm")
        self.outer = QVBoxLayout(ReferrerPageForm)
        self.outer.setObjectName(u"outer")
        self.referrerBox = QGroupBox(ReferrerPageForm)
        self.referrerBox.setObjectName(u"referrerBox")
        self.referrerBoxForm = QFormLayout(self.referrerBox)
        self.referrerBoxForm.setObjectName(u"referrerBoxForm")
        self.referrerBoxForm.setRowWrapPolicy(QFormLayout.WrapLongRows)
        self.referrerNameLabel = QLabel(self.referrerBox)
        self.referrerNameLabel.setObjectName(u"referrerNameLabel")

        self.referrerBoxForm.setWidget(0, QFormLayout.ItemRole.LabelRole, self.referrerNameLabel)

        self.referrerName = QLineEdit(self.referrerBox)
        self.referrerName.setObjectName(u"referrerName")

        self.referrerBoxForm.setWidget(0, QFormLayout.ItemRole.FieldRole, self.referrerName)

        self.referrerRoleLabel = QLabel(self.referrerBox)
        self.referrerRoleLabel.setObjectName(u"referrerRoleLabel")

        self.referrerBoxForm.setWidget(1, QFormLayout.ItemRole.LabelRole, self.referrerRoleLabel)

        self.referrerRole = QLineEdit(self.referrerBox)
        self.referrerRole.setObjectName(u"referrerRole")

        self.referrerBoxForm.setWidget(1, QFormLayout.ItemRole.FieldRole, self.referrerRole)

        self.referrerOrganisationLabel = QLabel(self.referrerBox)
        self.referrerOrganisationLabel.setObjectName(u"referrerOrganisationLabel")

        self.referrerBoxForm.setWidget(2, QFormLayout.ItemRole.LabelRole, self.referrerOrganisationLabel)

        self.referrerOrganisation = QLineEdit(self.referrerBox)
        self.referrerOrganisation.setObjectName(u"referrerOrganisation")

        self.referrerBoxForm.setWidget(2, QFormLayout.ItemRole.FieldRole, self.referrerOrganisation)

        self.referrerPhoneLabel = QLabel(self.referrerBox)
        self.referrerPhoneLabel.setObjectName(u"referrerPhoneLabel")

        self.referrerBoxForm.setWidget(3, QFormLayout.ItemRole.LabelRole, self.referrerPhoneLabel)

        self.referrerPhone = QLineEdit(self.referrerBox)
        self.referrerPhone.setObjectName(u"referrerPhone")

        self.referrerBoxForm.setWidget(3, QFormLayout.ItemRole.FieldRole, self.referrerPhone)

        self.referrerEmailLabel = QLabel(self.referrerBox)
        self.referrerEmailLabel.setObjectName(u"referrerEmailLabel")

        self.referrerBoxForm.setWidget(4, QFormLayout.ItemRole.LabelRole, self.referrerEmailLabel)

        self.referrerEmail = QLineEdit(self.referrerBox)
        self.referrerEmail.setObjectName(u"referrerEmail")

        self.referrerBoxForm.setWidget(4, QFormLayout.ItemRole.FieldRole, self.referrerEmail)

        self.caseClosingLabel = QLabel(self.referrerBox)
        self.caseClosingLabel.setObjectName(u"caseClosingLabel")

        self.referrerBoxForm.setWidget(5, QFormLayout.ItemRole.LabelRole, self.caseClosingLabel)

        self.caseClosing = QComboBox(self.referrerBox)
        self.caseClosing.setObjectName(u"caseClosing")

        self.referrerBoxForm.setWidget(5, QFormLayout.ItemRole.FieldRole, self.caseClosing)

        self.continuesSupportLabel = QLabel(self.referrerBox)
        self.continuesSupportLabel.setObjectName(u"continuesSupportLabel")

        self.referrerBoxForm.setWidget(6, QFormLayout.ItemRole.LabelRole, self.continuesSupportLabel)

        self.continuesSupport = QComboBox(self.referrerBox)
        self.continuesSupport.setObjectName(u"continuesSupport")

        self.referrerBoxForm.setWidget(6, QFormLayout.ItemRole.FieldRole, self.continuesSupport)


        self.outer.addWidget(self.referrerBox)

        self.referralBox = QGroupBox(ReferrerPageForm)
        self.referralBox.setObjectName(u"referralBox")
        self.referralBoxForm = QFormLayout(self.referralBox)
        self.referralBoxForm.setObjectName(u"referralBoxForm")
        self.referralBoxForm.setRowWrapPolicy(QFormLayout.WrapLongRows)
        self.reasonLabel = QLabel(self.referralBox)
        self.reasonLabel.setObjectName(u"reasonLabel")

        self.referralBoxForm.setWidget(0, QFormLayout.ItemRole.LabelRole, self.reasonLabel)

        self.reason = QPlainTextEdit(self.referralBox)
        self.reason.setObjectName(u"reason")
        self.reason.setTabChangesFocus(True)

        self.referralBoxForm.setWidget(0, QFormLayout.ItemRole.FieldRole, self.reason)

        self.socialCareLabel = QLabel(self.referralBox)
        self.socialCareLabel.setObjectName(u"socialCareLabel")

        self.referralBoxForm.setWidget(1, QFormLayout.ItemRole.LabelRole, self.socialCareLabel)

        self.socialCare = QComboBox(self.referralBox)
        self.socialCare.setObjectName(u"socialCare")

        self.referralBoxForm.setWidget(1, QFormLayout.ItemRole.FieldRole, self.socialCare)


        self.outer.addWidget(self.referralBox)

        self.contactBox = QGroupBox(ReferrerPageForm)
        self.contactBox.setObjectName(u"contactBox")
        self.contactBoxForm = QFormLayout(self.contactBox)
        self.contactBoxForm.setObjectName(u"contactBoxForm")
        self.contactBoxForm.setRowWrapPolicy(QFormLayout.WrapLongRows)
        self.contactNameLabel = QLabel(self.contactBox)
        self.contactNameLabel.setObjectName(u"contactNameLabel")

        self.contactBoxForm.setWidget(0, QFormLayout.ItemRole.LabelRole, self.contactNameLabel)

        self.contactName = QLineEdit(self.contactBox)
        self.contactName.setObjectName(u"contactName")

        self.contactBoxForm.setWidget(0, QFormLayout.ItemRole.FieldRole, self.contactName)

        self.contactRoleLabel = QLabel(self.contactBox)
        self.contactRoleLabel.setObjectName(u"contactRoleLabel")

        self.contactBoxForm.setWidget(1, QFormLayout.ItemRole.LabelRole, self.contactRoleLabel)

        self.contactRole = QLineEdit(self.contactBox)
        self.contactRole.setObjectName(u"contactRole")

        self.contactBoxForm.setWidget(1, QFormLayout.ItemRole.FieldRole, self.contactRole)

        self.contactServiceLabel = QLabel(self.contactBox)
        self.contactServiceLabel.setObjectName(u"contactServiceLabel")

        self.contactBoxForm.setWidget(2, QFormLayout.ItemRole.LabelRole, self.contactServiceLabel)

        self.contactService = QLineEdit(self.contactBox)
        self.contactService.setObjectName(u"contactService")

        self.contactBoxForm.setWidget(2, QFormLayout.ItemRole.FieldRole, self.contactService)

        self.contactPhoneLabel = QLabel(self.contactBox)
        self.contactPhoneLabel.setObjectName(u"contactPhoneLabel")

        self.contactBoxForm.setWidget(3, QFormLayout.ItemRole.LabelRole, self.contactPhoneLabel)

        self.contactPhone = QLineEdit(self.contactBox)
        self.contactPhone.setObjectName(u"contactPhone")

        self.contactBoxForm.setWidget(3, QFormLayout.ItemRole.FieldRole, self.contactPhone)

        self.contactEmailLabel = QLabel(self.contactBox)
        self.contactEmailLabel.setObjectName(u"contactEmailLabel")

        self.contactBoxForm.setWidget(4, QFormLayout.ItemRole.LabelRole, self.contactEmailLabel)

        self.contactEmail = QLineEdit(self.contactBox)
        self.contactEmail.setObjectName(u"contactEmail")

        self.contactBoxForm.setWidget(4, QFormLayout.ItemRole.FieldRole, self.contactEmail)


        self.outer.addWidget(self.contactBox)

        self.bottomSpace = QSpacerItem(0, 0, QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Expanding)

        self.outer.addItem(self.bottomSpace)

#if QT_CONFIG(shortcut)
        self.referrerNameLabel.setBuddy(self.referrerName)
        self.referrerRoleLabel.setBuddy(self.referrerRole)
        self.referrerOrganisationLabel.setBuddy(self.referrerOrganisation)
        self.referrerPhoneLabel.setBuddy(self.referrerPhone)
        self.referrerEmailLabel.setBuddy(self.referrerEmail)
        self.caseClosingLabel.setBuddy(self.caseClosing)
        self.continuesSupportLabel.setBuddy(self.continuesSupport)
        self.reasonLabel.setBuddy(self.reason)
        self.socialCareLabel.setBuddy(self.socialCare)
        self.contactNameLabel.setBuddy(self.contactName)
        self.contactRoleLabel.setBuddy(self.contactRole)
        self.contactServiceLabel.setBuddy(self.contactService)
        self.contactPhoneLabel.setBuddy(self.contactPhone)
        self.contactEmailLabel.setBuddy(self.contactEmail)
#endif // QT_CONFIG(shortcut)

        self.retranslateUi(ReferrerPageForm)
    # setupUi

    def retranslateUi(self, ReferrerPageForm):
        self.referrerBox.setTitle(QCoreApplication.translate("ReferrerPageForm", u"You, the referrer", None))
        self.referrerNameLabel.setText(QCoreApplication.translate("ReferrerPageForm", u"Name", None))
        self.referrerRoleLabel.setText(QCoreApplication.translate("ReferrerPageForm", u"Role", None))
        self.referrerOrganisationLabel.setText(QCoreApplication.translate("ReferrerPageForm", u"Organisation", None))
        self.referrerPhoneLabel.setText(QCoreApplication.translate("ReferrerPageForm", u"Phone", None))
        self.referrerEmailLabel.setText(QCoreApplication.translate("ReferrerPageForm", u"Email", None))
        self.caseClosingLabel.setText(QCoreApplication.translate("ReferrerPageForm", u"Is your work with the family about to close?", None))
        self.continuesSupportLabel.setText(QCoreApplication.translate("ReferrerPageForm", u"Can you keep supporting the family during it?", None))
        self.referralBox.setTitle(QCoreApplication.translate("ReferrerPageForm", u"The referral", None))
        self.reasonLabel.setText(QCoreApplication.translate("ReferrerPageForm", u"Reason for referral, in your words", None))
        self.socialCareLabel.setText(QCoreApplication.translate("ReferrerPageForm", u"Children's social care involvement", None))
        self.contactBox.setTitle(QCoreApplication.translate("ReferrerPageForm", u"Universal-service contact (school, health visitor, nursery)", None))
        self.contactNameLabel.setText(QCoreApplication.translate("ReferrerPageForm", u"Name", None))
        self.contactRoleLabel.setText(QCoreApplication.translate("ReferrerPageForm", u"Role", None))
        self.contactServiceLabel.setText(QCoreApplication.translate("ReferrerPageForm", u"Service", None))
        self.contactPhoneLabel.setText(QCoreApplication.translate("ReferrerPageForm", u"Phone", None))
        self.contactEmailLabel.setText(QCoreApplication.translate("ReferrerPageForm", u"Email", None))
        pass
    # retranslateUi

