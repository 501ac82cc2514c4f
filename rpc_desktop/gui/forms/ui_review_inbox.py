# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'review_inbox.ui'
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
from PySide6.QtWidgets import (QAbstractItemView, QApplication, QComboBox, QHBoxLayout,
    QHeaderView, QLabel, QPushButton, QSizePolicy,
    QSpacerItem, QTableWidget, QTableWidgetItem, QVBoxLayout,
    QWidget)

class Ui_ReviewInboxForm(object):
    def setupUi(self, ReviewInboxForm):
        if not ReviewInboxForm.objectName():
            ReviewInboxForm.setObjectName(u"ReviewInboxForm")
        self.outer = QVBoxLayout(ReviewInboxForm)
        self.outer.setObjectName(u"outer")
        self.intro = QLabel(ReviewInboxForm)
        self.intro.setObjectName(u"intro")
        self.intro.setTextFormat(Qt.PlainText)
        self.intro.setWordWrap(True)

        self.outer.addWidget(self.intro)

        self.toolbar = QHBoxLayout()
        self.toolbar.setObjectName(u"toolbar")
        self.statusFilter = QComboBox(ReviewInboxForm)
        self.statusFilter.setObjectName(u"statusFilter")

        self.toolbar.addWidget(self.statusFilter)

        self.toolbarSpace = QSpacerItem(0, 0, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.toolbar.addItem(self.toolbarSpace)

        self.importButton = QPushButton(ReviewInboxForm)
        self.importButton.setObjectName(u"importButton")

        self.toolbar.addWidget(self.importButton)


        self.outer.addLayout(self.toolbar)

        self.table = QTableWidget(ReviewInboxForm)
        self.table.setObjectName(u"table")
        self.table.setEditTriggers(QAbstractItemView.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SingleSelection)
        self.table.setAlternatingRowColors(True)

        self.outer.addWidget(self.table)

        self.message = QLabel(ReviewInboxForm)
        self.message.setObjectName(u"message")
        self.message.setTextFormat(Qt.PlainText)
        self.message.setWordWrap(True)
        self.message.setTextInteractionFlags(Qt.TextSelectableByMouse)

        self.outer.addWidget(self.message)

        self.actions = QHBoxLayout()
        self.actions.setObjectName(u"actions")
        self.openButton = QPushButton(ReviewInboxForm)
        self.openButton.setObjectName(u"openButton")

        self.actions.addWidget(self.openButton)

        self.actionSpace = QSpacerItem(0, 0, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.actions.addItem(self.actionSpace)

        self.count = QLabel(ReviewInboxForm)
        self.count.setObjectName(u"count")
        self.count.setTextFormat(Qt.PlainText)

        self.actions.addWidget(self.count)


        self.outer.addLayout(self.actions)

        QWidget.setTabOrder(self.statusFilter, self.importButton)
        QWidget.setTabOrder(self.importButton, self.table)
        QWidget.setTabOrder(self.table, self.openButton)

        self.retranslateUi(ReviewInboxForm)
    # setupUi

    def retranslateUi(self, ReviewInboxForm):
        self.intro.setText(QCoreApplication.translate("ReviewInboxForm", u"Referrals sent to you for review. Import the sealed bundle file a practitioner gave you: it is checked (who sealed it, and that nothing changed since) before anything in it is shown.", None))
#if QT_CONFIG(accessibility)
        self.statusFilter.setAccessibleName(QCoreApplication.translate("ReviewInboxForm", u"Show bundles that are", None))
#endif // QT_CONFIG(accessibility)
        self.importButton.setText(QCoreApplication.translate("ReviewInboxForm", u"&Import a bundle\u2026", None))
#if QT_CONFIG(accessibility)
        self.importButton.setAccessibleName(QCoreApplication.translate("ReviewInboxForm", u"Import a sealed bundle", None))
#endif // QT_CONFIG(accessibility)
#if QT_CONFIG(accessibility)
        self.table.setAccessibleName(QCoreApplication.translate("ReviewInboxForm", u"Bundles for review", None))
#endif // QT_CONFIG(accessibility)
        self.message.setText("")
#if QT_CONFIG(accessibility)
        self.message.setAccessibleName(QCoreApplication.translate("ReviewInboxForm", u"Import result", None))
#endif // QT_CONFIG(accessibility)
        self.openButton.setText(QCoreApplication.translate("ReviewInboxForm", u"&Open", None))
#if QT_CONFIG(accessibility)
        self.openButton.setAccessibleName(QCoreApplication.translate("ReviewInboxForm", u"Open the selected bundle", None))
#endif // QT_CONFIG(accessibility)
        self.count.setText("")
        pass
    # retranslateUi

