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
from PySide6.QtWidgets import (QApplication, QComboBox, QFormLayout, QHBoxLayout,
    QLabel, QLineEdit, QPushButton, QSizePolicy,
    QSpacerItem, QVBoxLayout, QWidget)

class Ui_FirstRunForm(object):
    def setupUi(self, FirstRunForm):
        if not FirstRunForm.objectName():
            FirstRunForm.setObjectName(u"FirstRunForm")
        FirstRunForm.setMaximumSize(QSize(760, 16777215))
        self.outer = QVBoxLayout(FirstRunForm)
        self.outer.setObjectName(u"outer")
        self.intro = QLabel(FirstRunForm)
        self.intro.setObjectName(u"intro")
        self.intro.setTextFormat(Qt.PlainText)
        self.intro.setWordWrap(True)

        self.outer.addWidget(self.intro)

        self.form = QFormLayout()
        self.form.setObjectName(u"form")
        self.appRoleLabel = QLabel(FirstRunForm)
        self.appRoleLabel.setObjectName(u"appRoleLabel")

        self.form.setWidget(0, QFormLayout.ItemRole.LabelRole, self.appRoleLabel)

        self.appRole = QComboBox(FirstRunForm)
        self.appRole.addItem("")
        self.appRole.addItem("")
        self.appRole.setObjectName(u"appRole")

        self.form.setWidget(0, QFormLayout.ItemRole.FieldRole, self.appRole)

        self.nameLabel = QLabel(FirstRunForm)
        self.nameLabel.setObjectName(u"nameLabel")

        self.form.setWidget(1, QFormLayout.ItemRole.LabelRole, self.nameLabel)

        self.name = QLineEdit(FirstRunForm)
        self.name.setObjectName(u"name")

        self.form.setWidget(1, QFormLayout.ItemRole.FieldRole, self.name)

        self.roleLabel = QLabel(FirstRunForm)
        self.roleLabel.setObjectName(u"roleLabel")

        self.form.setWidget(2, QFormLayout.ItemRole.LabelRole, self.roleLabel)

        self.role = QLineEdit(FirstRunForm)
        self.role.setObjectName(u"role")

        self.form.setWidget(2, QFormLayout.ItemRole.FieldRole, self.role)

        self.organisationLabel = QLabel(FirstRunForm)
        self.organisationLabel.setObjectName(u"organisationLabel")

        self.form.setWidget(3, QFormLayout.ItemRole.LabelRole, self.organisationLabel)

        self.organisation = QLineEdit(FirstRunForm)
        self.organisation.setObjectName(u"organisation")

        self.form.setWidget(3, QFormLayout.ItemRole.FieldRole, self.organisation)

        self.phoneLabel = QLabel(FirstRunForm)
        self.phoneLabel.setObjectName(u"phoneLabel")

        self.form.setWidget(4, QFormLayout.ItemRole.LabelRole, self.phoneLabel)

        self.phone = QLineEdit(FirstRunForm)
        self.phone.setObjectName(u"phone")

        self.form.setWidget(4, QFormLayout.ItemRole.FieldRole, self.phone)

        self.emailLabel = QLabel(FirstRunForm)
        self.emailLabel.setObjectName(u"emailLabel")

        self.form.setWidget(5, QFormLayout.ItemRole.LabelRole, self.emailLabel)

        self.email = QLineEdit(FirstRunForm)
        self.email.setObjectName(u"email")

        self.form.setWidget(5, QFormLayout.ItemRole.FieldRole, self.email)

        self.passphraseLabel = QLabel(FirstRunForm)
        self.passphraseLabel.setObjectName(u"passphraseLabel")

        self.form.setWidget(6, QFormLayout.ItemRole.LabelRole, self.passphraseLabel)

        self.passphrase = QLineEdit(FirstRunForm)
        self.passphrase.setObjectName(u"passphrase")
        self.passphrase.setEchoMode(QLineEdit.Password)

        self.form.setWidget(6, QFormLayout.ItemRole.FieldRole, self.passphrase)

        self.confirmLabel = QLabel(FirstRunForm)
        self.confirmLabel.setObjectName(u"confirmLabel")

        self.form.setWidget(7, QFormLayout.ItemRole.LabelRole, self.confirmLabel)

        self.confirm = QLineEdit(FirstRunForm)
        self.confirm.setObjectName(u"confirm")
        self.confirm.setEchoMode(QLineEdit.Password)

        self.form.setWidget(7, QFormLayout.ItemRole.FieldRole, self.confirm)

        self.strength = QLabel(FirstRunForm)
        self.strength.setObjectName(u"strength")
        self.strength.setTextFormat(Qt.PlainText)
        self.strength.setWordWrap(True)

        self.form.setWidget(8, QFormLayout.ItemRole.FieldRole, self.strength)


        self.outer.addLayout(self.form)

        self.buttonRow = QHBoxLayout()
        self.buttonRow.setObjectName(u"buttonRow")
        self.buttonSpace = QSpacerItem(0, 0, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.buttonRow.addItem(self.buttonSpace)

        self.createButton = QPushButton(FirstRunForm)
        self.createButton.setObjectName(u"createButton")
        self.createButton.setEnabled(False)

        self.buttonRow.addWidget(self.createButton)


        self.outer.addLayout(self.buttonRow)

        self.bottomSpace = QSpacerItem(0, 0, QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Expanding)

        self.outer.addItem(self.bottomSpace)

#if QT_CONFIG(shortcut)
        self.appRoleLabel.setBuddy(self.appRole)
        self.nameLabel.setBuddy(self.name)
        self.roleLabel.setBuddy(self.role)
        self.organisationLabel.setBuddy(self.organisation)
        self.phoneLabel.setBuddy(self.phone)
        self.emailLabel.setBuddy(self.email)
        self.passphraseLabel.setBuddy(self.passphrase)
        self.confirmLabel.setBuddy(self.confirm)
#endif // QT_CONFIG(shortcut)
        QWidget.setTabOrder(self.appRole, self.name)
        QWidget.setTabOrder(self.name, self.role)
        QWidget.setTabOrder(self.role, self.organisation)
        QWidget.setTabOrder(self.organisation, self.phone)
        QWidget.setTabOrder(self.phone, self.email)
        QWidget.setTabOrder(self.email, self.passphrase)
        QWidget.setTabOrder(self.passphrase, self.confirm)
        QWidget.setTabOrder(self.confirm, self.createButton)

        self.retranslateUi(FirstRunForm)
    # setupUi

    def retranslateUi(self, FirstRunForm):
        FirstRunForm.setWindowTitle(QCoreApplication.translate("FirstRunForm", u"Set up", None))
        self.intro.setText(QCoreApplication.translate("FirstRunForm", u"Welcome. Your details go on every referral you make or review. The passphrase protects the families' information on this device: nobody can read it without the passphrase, and it cannot be recovered unless your organisation set up a recovery key.", None))
        self.appRoleLabel.setText(QCoreApplication.translate("FirstRunForm", u"I &use this app to", None))
        self.appRole.setItemText(0, QCoreApplication.translate("FirstRunForm", u"Make referrals (practitioner)", None))
        self.appRole.setItemText(1, QCoreApplication.translate("FirstRunForm", u"Review referrals (team lead)", None))

#if QT_CONFIG(accessibility)
        self.appRole.setAccessibleName(QCoreApplication.translate("FirstRunForm", u"I use this app to", None))
#endif // QT_CONFIG(accessibility)
        self.nameLabel.setText(QCoreApplication.translate("FirstRunForm", u"&Your name", None))
#if QT_CONFIG(accessibility)
        self.name.setAccessibleName(QCoreApplication.translate("FirstRunForm", u"Your name", None))
#endif // QT_CONFIG(accessibility)
        self.roleLabel.setText(QCoreApplication.translate("FirstRunForm", u"&Role", None))
#if QT_CONFIG(accessibility)
        self.role.setAccessibleName(QCoreApplication.translate("FirstRunForm", u"Role", None))
#endif // QT_CONFIG(accessibility)
        self.organisationLabel.setText(QCoreApplication.translate("FirstRunForm", u"&Organisation", None))
#if QT_CONFIG(accessibility)
        self.organisation.setAccessibleName(QCoreApplication.translate("FirstRunForm", u"Organisation", None))
#endif // QT_CONFIG(accessibility)
        self.phoneLabel.setText(QCoreApplication.translate("FirstRunForm", u"&Phone", None))
#if QT_CONFIG(accessibility)
        self.phone.setAccessibleName(QCoreApplication.translate("FirstRunForm", u"Phone", None))
#endif // QT_CONFIG(accessibility)
        self.emailLabel.setText(QCoreApplication.translate("FirstRunForm", u"&Email", None))
#if QT_CONFIG(accessibility)
        self.email.setAccessibleName(QCoreApplication.translate("FirstRunForm", u"Email", None))
#endif // QT_CONFIG(accessibility)
        self.passphraseLabel.setText(QCoreApplication.translate("FirstRunForm", u"Pass&phrase", None))
#if QT_CONFIG(accessibility)
        self.passphrase.setAccessibleName(QCoreApplication.translate("FirstRunForm", u"Passphrase", None))
#endif // QT_CONFIG(accessibility)
        self.confirmLabel.setText(QCoreApplication.translate("FirstRunForm", u"&Again", None))
#if QT_CONFIG(accessibility)
        self.confirm.setAccessibleName(QCoreApplication.translate("FirstRunForm", u"Passphrase again", None))
#endif // QT_CONFIG(accessibility)
        self.strength.setText("")
        self.createButton.setText(QCoreApplication.translate("FirstRunForm", u"&Create my encrypted store", None))
#if QT_CONFIG(accessibility)
        self.createButton.setAccessibleName(QCoreApplication.translate("FirstRunForm", u"Create my encrypted store", None))
#endif // QT_CONFIG(accessibility)
    # retranslateUi

