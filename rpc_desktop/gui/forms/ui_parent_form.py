# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'parent_form.ui'
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
from PySide6.QtWidgets import (QApplication, QCheckBox, QComboBox, QDateEdit,
    QFormLayout, QHBoxLayout, QLabel, QLineEdit,
    QSizePolicy, QSpacerItem, QVBoxLayout, QWidget)

class Ui_ParentForm(object):
    def setupUi(self, ParentForm):
        if not ParentForm.objectName():
            ParentForm.setObjectName(u"ParentForm")
        self.outer = QVBoxLayout(ParentForm)
        self.outer.setObjectName(u"outer")
        self.form = QFormLayout()
        self.form.setObjectName(u"form")
        self.form.setRowWrapPolicy(QFormLayout.WrapLongRows)
        self.nameLabel = QLabel(ParentForm)
        self.nameLabel.setObjectName(u"nameLabel")

        self.form.setWidget(0, QFormLayout.ItemRole.LabelRole, self.nameLabel)

        self.name = QLineEdit(ParentForm)
        self.name.setObjectName(u"name")

        self.form.setWidget(0, QFormLayout.ItemRole.FieldRole, self.name)

        self.dateOfBirthLabel = QLabel(ParentForm)
        self.dateOfBirthLabel.setObjectName(u"dateOfBirthLabel")

        self.form.setWidget(1, QFormLayout.ItemRole.LabelRole, self.dateOfBirthLabel)

        self.dateOfBirthRow = QHBoxLayout()
        self.dateOfBirthRow.setObjectName(u"dateOfBirthRow")
        self.dateOfBirthKnown = QCheckBox(ParentForm)
        self.dateOfBirthKnown.setObjectName(u"dateOfBirthKnown")

        self.dateOfBirthRow.addWidget(self.dateOfBirthKnown)

        self.dateOfBirth = QDateEdit(ParentForm)
        self.dateOfBirth.setObjectName(u"dateOfBirth")
        self.dateOfBirth.setCalendarPopup(True)

        self.dateOfBirthRow.addWidget(self.dateOfBirth)


        self.form.setLayout(1, QFormLayout.ItemRole.FieldRole, self.dateOfBirthRow)

        self.roleLabel = QLabel(ParentForm)
        self.roleLabel.setObjectName(u"roleLabel")

        self.form.setWidget(2, QFormLayout.ItemRole.LabelRole, self.roleLabel)

        self.role = QComboBox(ParentForm)
        self.role.setObjectName(u"role")

        self.form.setWidget(2, QFormLayout.ItemRole.FieldRole, self.role)

        self.phoneLabel = QLabel(ParentForm)
        self.phoneLabel.setObjectName(u"phoneLabel")

        self.form.setWidget(3, QFormLayout.ItemRole.LabelRole, self.phoneLabel)

        self.phone = QLineEdit(ParentForm)
        self.phone.setObjectName(u"phone")

        self.form.setWidget(3, QFormLayout.ItemRole.FieldRole, self.phone)

        self.emailLabel = QLabel(ParentForm)
        self.emailLabel.setObjectName(u"emailLabel")

        self.form.setWidget(4, QFormLayout.ItemRole.LabelRole, self.emailLabel)

        self.email = QLineEdit(ParentForm)
        self.email.setObjectName(u"email")

        self.form.setWidget(4, QFormLayout.ItemRole.FieldRole, self.email)

        self.livesAtFamilyAddress = QCheckBox(ParentForm)
        self.livesAtFamilyAddress.setObjectName(u"livesAtFamilyAddress")

        self.form.setWidget(5, QFormLayout.ItemRole.FieldRole, self.livesAtFamilyAddress)

        self.ownLine1Label = QLabel(ParentForm)
        self.ownLine1Label.setObjectName(u"ownLine1Label")

        self.form.setWidget(6, QFormLayout.ItemRole.LabelRole, self.ownLine1Label)

        self.ownLine1 = QLineEdit(ParentForm)
        self.ownLine1.setObjectName(u"ownLine1")

        self.form.setWidget(6, QFormLayout.ItemRole.FieldRole, self.ownLine1)

        self.ownLine2Label = QLabel(ParentForm)
        self.ownLine2Label.setObjectName(u"ownLine2Label")

        self.form.setWidget(7, QFormLayout.ItemRole.LabelRole, self.ownLine2Label)

        self.ownLine2 = QLineEdit(ParentForm)
        self.ownLine2.setObjectName(u"ownLine2")

        self.form.setWidget(7, QFormLayout.ItemRole.FieldRole, self.ownLine2)

        self.ownTownLabel = QLabel(ParentForm)
        self.ownTownLabel.setObjectName(u"ownTownLabel")

        self.form.setWidget(8, QFormLayout.ItemRole.LabelRole, self.ownTownLabel)

        self.ownTown = QLineEdit(ParentForm)
        self.ownTown.setObjectName(u"ownTown")

        self.form.setWidget(8, QFormLayout.ItemRole.FieldRole, self.ownTown)

        self.ownPostcodeLabel = QLabel(ParentForm)
        self.ownPostcodeLabel.setObjectName(u"ownPostcodeLabel")

        self.form.setWidget(9, QFormLayout.ItemRole.LabelRole, self.ownPostcodeLabel)

        self.ownPostcode = QLineEdit(ParentForm)
        self.ownPostcode.setObjectName(u"ownPostcode")

        self.form.setWidget(9, QFormLayout.ItemRole.FieldRole, self.ownPostcode)

        self.languageLabel = QLabel(ParentForm)
        self.languageLabel.setObjectName(u"languageLabel")

        self.form.setWidget(10, QFormLayout.ItemRole.LabelRole, self.languageLabel)

        self.language = QLineEdit(ParentForm)
        self.language.setObjectName(u"language")

        self.form.setWidget(10, QFormLayout.ItemRole.FieldRole, self.language)

        self.interpreter = QCheckBox(ParentForm)
        self.interpreter.setObjectName(u"interpreter")

        self.form.setWidget(11, QFormLayout.ItemRole.FieldRole, self.interpreter)

        self.accessibilityLabel = QLabel(ParentForm)
        self.accessibilityLabel.setObjectName(u"accessibilityLabel")

        self.form.setWidget(12, QFormLayout.ItemRole.LabelRole, self.accessibilityLabel)

        self.accessibility = QLineEdit(ParentForm)
        self.accessibility.setObjectName(u"accessibility")

        self.form.setWidget(12, QFormLayout.ItemRole.FieldRole, self.accessibility)

        self.agreesLabel = QLabel(ParentForm)
        self.agreesLabel.setObjectName(u"agreesLabel")

        self.form.setWidget(13, QFormLayout.ItemRole.LabelRole, self.agreesLabel)

        self.agrees = QComboBox(ParentForm)
        self.agrees.setObjectName(u"agrees")

        self.form.setWidget(13, QFormLayout.ItemRole.FieldRole, self.agrees)

        self.agreementDateLabel = QLabel(ParentForm)
        self.agreementDateLabel.setObjectName(u"agreementDateLabel")

        self.form.setWidget(14, QFormLayout.ItemRole.LabelRole, self.agreementDateLabel)

        self.agreementDateRow = QHBoxLayout()
        self.agreementDateRow.setObjectName(u"agreementDateRow")
        self.agreementDateKnown = QCheckBox(ParentForm)
        self.agreementDateKnown.setObjectName(u"agreementDateKnown")

        self.agreementDateRow.addWidget(self.agreementDateKnown)

        self.agreementDate = QDateEdit(ParentForm)
        self.agreementDate.setObjectName(u"agreementDate")
        self.agreementDate.setCalendarPopup(True)

        self.agreementDateRow.addWidget(self.agreementDate)


        self.form.setLayout(14, QFormLayout.ItemRole.FieldRole, self.agreementDateRow)


        self.outer.addLayout(self.form)

        self.bottomSpace = QSpacerItem(0, 0, QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Expanding)

        self.outer.addItem(self.bottomSpace)

#if QT_CONFIG(shortcut)
        self.nameLabel.setBuddy(self.name)
        self.dateOfBirthLabel.setBuddy(self.dateOfBirthKnown)
        self.roleLabel.setBuddy(self.role)
        self.phoneLabel.setBuddy(self.phone)
        self.emailLabel.setBuddy(self.email)
        self.ownLine1Label.setBuddy(self.ownLine1)
        self.ownLine2Label.setBuddy(self.ownLine2)
        self.ownTownLabel.setBuddy(self.ownTown)
        self.ownPostcodeLabel.setBuddy(self.ownPostcode)
        self.languageLabel.setBuddy(self.language)
        self.accessibilityLabel.setBuddy(self.accessibility)
        self.agreesLabel.setBuddy(self.agrees)
        self.agreementDateLabel.setBuddy(self.agreementDateKnown)
#endif // QT_CONFIG(shortcut)

        self.retranslateUi(ParentForm)
    # setupUi

    def retranslateUi(self, ParentForm):
        self.nameLabel.setText(QCoreApplication.translate("ParentForm", u"Name", None))
        self.dateOfBirthLabel.setText(QCoreApplication.translate("ParentForm", u"Date of birth", None))
        self.dateOfBirthKnown.setText(QCoreApplication.translate("ParentForm", u"Recorded", None))
        self.dateOfBirth.setDisplayFormat(QCoreApplication.translate("ParentForm", u"d MMMM yyyy", None))
        self.roleLabel.setText(QCoreApplication.translate("ParentForm", u"Role", None))
        self.phoneLabel.setText(QCoreApplication.translate("ParentForm", u"Phone", None))
        self.emailLabel.setText(QCoreApplication.translate("ParentForm", u"Email", None))
        self.livesAtFamilyAddress.setText(QCoreApplication.translate("ParentForm", u"Lives at the family address", None))
        self.ownLine1Label.setText(QCoreApplication.translate("ParentForm", u"Address line 1", None))
        self.ownLine2Label.setText(QCoreApplication.translate("ParentForm", u"Address line 2", None))
        self.ownTownLabel.setText(QCoreApplication.translate("ParentForm", u"Town", None))
        self.ownPostcodeLabel.setText(QCoreApplication.translate("ParentForm", u"Postcode", None))
        self.languageLabel.setText(QCoreApplication.translate("ParentForm", u"Preferred language", None))
        self.interpreter.setText(QCoreApplication.translate("ParentForm", u"Needs an interpreter", None))
        self.accessibilityLabel.setText(QCoreApplication.translate("ParentForm", u"Accessibility needs", None))
        self.agreesLabel.setText(QCoreApplication.translate("ParentForm", u"Agrees to the referral", None))
        self.agreementDateLabel.setText(QCoreApplication.translate("ParentForm", u"Agreed on", None))
        self.agreementDateKnown.setText(QCoreApplication.translate("ParentForm", u"Recorded", None))
        self.agreementDate.setDisplayFormat(QCoreApplication.translate("ParentForm", u"d MMMM yyyy", None))
        pass
    # retranslateUi

