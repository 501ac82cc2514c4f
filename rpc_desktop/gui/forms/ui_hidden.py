# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'hidden.ui'
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

class Ui_HiddenForm(object):
    def setupUi(self, HiddenForm):
        if not HiddenForm.objectName():
            HiddenForm.setObjectName(u"HiddenForm")
        self.outer = QVBoxLayout(HiddenForm)
        self.outer.setObjectName(u"outer")
        self.topSpace = QSpacerItem(0, 0, QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Expanding)

        self.outer.addItem(self.topSpace)

        self.note = QLabel(HiddenForm)
        self.note.setObjectName(u"note")
        self.note.setTextFormat(Qt.PlainText)
        self.note.setAlignment(Qt.AlignCenter)

        self.outer.addWidget(self.note)

        self.row = QHBoxLayout()
        self.row.setObjectName(u"row")
        self.leftSpace = QSpacerItem(0, 0, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.row.addItem(self.leftSpace)

        self.passphrase = QLineEdit(HiddenForm)
        self.passphrase.setObjectName(u"passphrase")
        self.passphrase.setEchoMode(QLineEdit.Password)
        self.passphrase.setMinimumWidth(280)

        self.row.addWidget(self.passphrase)

        self.returnButton = QPushButton(HiddenForm)
        self.returnButton.setObjectName(u"returnButton")

        self.row.addWidget(self.returnButton)

        self.rightSpace = QSpacerItem(0, 0, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.row.addItem(self.rightSpace)


        self.outer.addLayout(self.row)

        self.message = QLabel(HiddenForm)
        self.message.setObjectName(u"message")
        self.message.setTextFormat(Qt.PlainText)
        self.message.setAlignment(Qt.AlignCenter)

        self.outer.addWidget(self.message)

        self.bottomSpace = QSpacerItem(0, 0, QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Expanding)

        self.outer.addItem(self.bottomSpace)


        self.retranslateUi(HiddenForm)

        self.returnButton.setDefault(True)

    # setupUi

    def retranslateUi(self, HiddenForm):
        self.note.setText(QCoreApplication.translate("HiddenForm", u"Notes", None))
#if QT_CONFIG(accessibility)
        self.passphrase.setAccessibleName(QCoreApplication.translate("HiddenForm", u"Passphrase", None))
#endif // QT_CONFIG(accessibility)
        self.returnButton.setText(QCoreApplication.translate("HiddenForm", u"Open", None))
        self.message.setText("")
        pass
    # retranslateUi

