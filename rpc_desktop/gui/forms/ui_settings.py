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
from PySide6.QtWidgets import (QAbstractButton, QApplication, QComboBox, QDialog,
    QDialogButtonBox, QFormLayout, QLabel, QLineEdit,
    QListWidget, QListWidgetItem, QSizePolicy, QSpinBox,
    QVBoxLayout, QWidget)

class Ui_SettingsForm(object):
    def setupUi(self, SettingsForm):
        if not SettingsForm.objectName():
            SettingsForm.setObjectName(u"SettingsForm")
        SettingsForm.setMinimumSize(QSize(520, 0))
        self.outer = QVBoxLayout(SettingsForm)
        self.outer.setObjectName(u"outer")
        self.form = QFormLayout()
        self.form.setObjectName(u"form")
        self.form.setRowWrapPolicy(QFormLayout.WrapLongRows)
        self.roleLabel = QLabel(SettingsForm)
        self.roleLabel.setObjectName(u"roleLabel")

        self.form.setWidget(0, QFormLayout.ItemRole.LabelRole, self.roleLabel)

        self.role = QComboBox(SettingsForm)
        self.role.addItem("")
        self.role.addItem("")
        self.role.setObjectName(u"role")

        self.form.setWidget(0, QFormLayout.ItemRole.FieldRole, self.role)

        self.organisationLabel = QLabel(SettingsForm)
        self.organisationLabel.setObjectName(u"organisationLabel")

        self.form.setWidget(1, QFormLayout.ItemRole.LabelRole, self.organisationLabel)

        self.organisation = QLineEdit(SettingsForm)
        self.organisation.setObjectName(u"organisation")

        self.form.setWidget(1, QFormLayout.ItemRole.FieldRole, self.organisation)

        self.idleLabel = QLabel(SettingsForm)
        self.idleLabel.setObjectName(u"idleLabel")

        self.form.setWidget(2, QFormLayout.ItemRole.LabelRole, self.idleLabel)

        self.idle = QSpinBox(SettingsForm)
        self.idle.setObjectName(u"idle")
        self.idle.setMinimum(1)
        self.idle.setMaximum(15)

        self.form.setWidget(2, QFormLayout.ItemRole.FieldRole, self.idle)

        self.schemesLabel = QLabel(SettingsForm)
        self.schemesLabel.setObjectName(u"schemesLabel")

        self.form.setWidget(3, QFormLayout.ItemRole.LabelRole, self.schemesLabel)

        self.schemes = QListWidget(SettingsForm)
        self.schemes.setObjectName(u"schemes")
        self.schemes.setMaximumSize(QSize(16777215, 110))

        self.form.setWidget(3, QFormLayout.ItemRole.FieldRole, self.schemes)

        self.displayModeLabel = QLabel(SettingsForm)
        self.displayModeLabel.setObjectName(u"displayModeLabel")

        self.form.setWidget(4, QFormLayout.ItemRole.LabelRole, self.displayModeLabel)

        self.displayMode = QComboBox(SettingsForm)
        self.displayMode.setObjectName(u"displayMode")

        self.form.setWidget(4, QFormLayout.ItemRole.FieldRole, self.displayMode)

        self.textSizeLabel = QLabel(SettingsForm)
        self.textSizeLabel.setObjectName(u"textSizeLabel")

        self.form.setWidget(5, QFormLayout.ItemRole.LabelRole, self.textSizeLabel)

        self.textSize = QComboBox(SettingsForm)
        self.textSize.setObjectName(u"textSize")

        self.form.setWidget(5, QFormLayout.ItemRole.FieldRole, self.textSize)


        self.outer.addLayout(self.form)

        self.note = QLabel(SettingsForm)
        self.note.setObjectName(u"note")
        self.note.setTextFormat(Qt.PlainText)
        self.note.setWordWrap(True)

        self.outer.addWidget(self.note)

        self.buttons = QDialogButtonBox(SettingsForm)
        self.buttons.setObjectName(u"buttons")
        self.buttons.setStandardButtons(QDialogButtonBox.Cancel|QDialogButtonBox.Save)

        self.outer.addWidget(self.buttons)

#if QT_CONFIG(shortcut)
        self.roleLabel.setBuddy(self.role)
        self.organisationLabel.setBuddy(self.organisation)
        self.idleLabel.setBuddy(self.idle)
        self.schemesLabel.setBuddy(self.schemes)
        self.displayModeLabel.setBuddy(self.displayMode)
        self.textSizeLabel.setBuddy(self.textSize)
#endif // QT_CONFIG(shortcut)
        QWidget.setTabOrder(self.role, self.organisation)
        QWidget.setTabOrder(self.organisation, self.idle)
        QWidget.setTabOrder(self.idle, self.schemes)
        QWidget.setTabOrder(self.schemes, self.displayMode)
        QWidget.setTabOrder(self.displayMode, self.textSize)
        QWidget.setTabOrder(self.textSize, self.buttons)

        self.retranslateUi(SettingsForm)
    # setupUi

    def retranslateUi(self, SettingsForm):
        SettingsForm.setWindowTitle(QCoreApplication.translate("SettingsForm", u"Settings", None))
        self.roleLabel.setText(QCoreApplication.translate("SettingsForm", u"I &use this app to", None))
        self.role.setItemText(0, QCoreApplication.translate("SettingsForm", u"Make referrals (practitioner)", None))
        self.role.setItemText(1, QCoreApplication.translate("SettingsForm", u"Review referrals (team lead)", None))

#if QT_CONFIG(accessibility)
        self.role.setAccessibleName(QCoreApplication.translate("SettingsForm", u"I use this app to", None))
#endif // QT_CONFIG(accessibility)
        self.organisationLabel.setText(QCoreApplication.translate("SettingsForm", u"&Organisation", None))
#if QT_CONFIG(accessibility)
        self.organisation.setAccessibleName(QCoreApplication.translate("SettingsForm", u"Organisation", None))
#endif // QT_CONFIG(accessibility)
        self.idleLabel.setText(QCoreApplication.translate("SettingsForm", u"&Lock after", None))
        self.idle.setSuffix(QCoreApplication.translate("SettingsForm", u" minutes without input", None))
#if QT_CONFIG(accessibility)
        self.idle.setAccessibleName(QCoreApplication.translate("SettingsForm", u"Lock after this many minutes without input", None))
#endif // QT_CONFIG(accessibility)
        self.schemesLabel.setText(QCoreApplication.translate("SettingsForm", u"&Schemes", None))
#if QT_CONFIG(accessibility)
        self.schemes.setAccessibleName(QCoreApplication.translate("SettingsForm", u"Schemes I refer to", None))
#endif // QT_CONFIG(accessibility)
        self.displayModeLabel.setText(QCoreApplication.translate("SettingsForm", u"&Touch and large text", None))
#if QT_CONFIG(accessibility)
        self.displayMode.setAccessibleName(QCoreApplication.translate("SettingsForm", u"Touch and large text", None))
#endif // QT_CONFIG(accessibility)
#if QT_CONFIG(tooltip)
        self.displayMode.setToolTip(QCoreApplication.translate("SettingsForm", u"Bigger buttons and text, for tablets and scaled screens. Applies at once.", None))
#endif // QT_CONFIG(tooltip)
        self.textSizeLabel.setText(QCoreApplication.translate("SettingsForm", u"Te&xt size", None))
#if QT_CONFIG(accessibility)
        self.textSize.setAccessibleName(QCoreApplication.translate("SettingsForm", u"Text size", None))
#endif // QT_CONFIG(accessibility)
#if QT_CONFIG(tooltip)
        self.textSize.setToolTip(QCoreApplication.translate("SettingsForm", u"Applies at once.", None))
#endif // QT_CONFIG(tooltip)
        self.note.setText("")
    # retranslateUi

