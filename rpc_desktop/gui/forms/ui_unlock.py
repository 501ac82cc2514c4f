# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'unlock.ui'
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
from PySide6.QtWidgets import (QApplication, QHBoxLayout, QLabel, QLineEdit,
    QPushButton, QSizePolicy, QSpacerItem, QVBoxLayout,
    QWidget)

class Ui_UnlockForm(object):
    def setupUi(self, UnlockForm):
        if not UnlockForm.objectName():
            UnlockForm.setObjectName(u"UnlockForm")
        self.outer = QVBoxLayout(UnlockForm)
        self.outer.setObjectName(u"outer")
        self.topSpace = QSpacerItem(0, 0, QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Expanding)

        self.outer.addItem(self.topSpace)

        self.heading = QLabel(UnlockForm)
        self.heading.setObjectName(u"heading")
        self.heading.setTextFormat(Qt.PlainText)
        self.heading.setAlignment(Qt.AlignCenter)

        self.outer.addWidget(self.heading)

        self.row = QHBoxLayout()
        self.row.setObjectName(u"row")
        self.leftSpace = QSpacerItem(0, 0, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.row.addItem(self.leftSpace)

        self.passphrase = QLineEdit(UnlockForm)
        self.passphrase.setObjectName(u"passphrase")
        self.passphrase.setEchoMode(QLineEdit.Password)
        self.passphrase.setMinimumWidth(320)

        self.row.addWidget(self.passphrase)

        self.unlockButton = QPushButton(UnlockForm)
        self.unlockButton.setObjectName(u"unlockButton")

        self.row.addWidget(self.unlockButton)

        self.rightSpace = QSpacerItem(0, 0, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.row.addItem(self.rightSpace)


        self.outer.addLayout(self.row)

        self.message = QLabel(UnlockForm)
        self.message.setObjectName(u"message")
        self.message.setTextFormat(Qt.PlainText)
        self.message.setAlignment(Qt.AlignCenter)
        self.message.setWordWrap(True)

        self.outer.addWidget(self.message)

        self.bottomSpace = QSpacerItem(0, 0, QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Expanding)

        self.outer.addItem(self.bottomSpace)

        QWidget.setTabOrder(self.passphrase, self.unlockButton)

        self.retranslateUi(UnlockForm)

        self.unlockButton.setDefault(True)

    # setupUi

    def retranslateUi(self, UnlockForm):
        UnlockForm.setWindowTitle(QCoreApplication.translate("UnlockForm", u"Unlock", None))
        self.heading.setText(QCoreApplication.translate("UnlockForm", u"Enter your passphrase to unlock", None))
        self.passphrase.setPlaceholderText(QCoreApplication.translate("UnlockForm", u"Passphrase", None))
#if QT_CONFIG(accessibility)
        self.passphrase.setAccessibleName(QCoreApplication.translate("UnlockForm", u"Passphrase", None))
#endif // QT_CONFIG(accessibility)
        self.unlockButton.setText(QCoreApplication.translate("UnlockForm", u"&Unlock", None))
#if QT_CONFIG(accessibility)
        self.unlockButton.setAccessibleName(QCoreApplication.translate("UnlockForm", u"Unlock", None))
#endif // QT_CONFIG(accessibility)
        self.message.setText("")
    # retranslateUi

