# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'case_list.ui'
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
    QHeaderView, QLabel, QLineEdit, QPushButton,
    QSizePolicy, QSpacerItem, QTableWidget, QTableWidgetItem,
    QVBoxLayout, QWidget)

class Ui_CaseListForm(object):
    def setupUi(self, CaseListForm):
        if not CaseListForm.objectName():
            CaseListForm.setObjectName(u"CaseListForm")
        self.outer = QVBoxLayout(CaseListForm)
        self.outer.setObjectName(u"outer")
        self.toolbar = QHBoxLayout()
        self.toolbar.setObjectName(u"toolbar")
        self.search = QLineEdit(CaseListForm)
        self.search.setObjectName(u"search")
        self.search.setClearButtonEnabled(True)

        self.toolbar.addWidget(self.search)

        self.statusFilter = QComboBox(CaseListForm)
        self.statusFilter.setObjectName(u"statusFilter")

        self.toolbar.addWidget(self.statusFilter)

        self.importNoteButton = QPushButton(CaseListForm)
        self.importNoteButton.setObjectName(u"importNoteButton")

        self.toolbar.addWidget(self.importNoteButton)

        self.newButton = QPushButton(CaseListForm)
        self.newButton.setObjectName(u"newButton")

        self.toolbar.addWidget(self.newButton)


        self.outer.addLayout(self.toolbar)

        self.table = QTableWidget(CaseListForm)
        self.table.setObjectName(u"table")
        self.table.setEditTriggers(QAbstractItemView.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SingleSelection)
        self.table.setAlternatingRowColors(True)

        self.outer.addWidget(self.table)

        self.comments = QLabel(CaseListForm)
        self.comments.setObjectName(u"comments")
        self.comments.setTextFormat(Qt.PlainText)
        self.comments.setWordWrap(True)

        self.outer.addWidget(self.comments)

        self.actions = QHBoxLayout()
        self.actions.setObjectName(u"actions")
        self.resumeButton = QPushButton(CaseListForm)
        self.resumeButton.setObjectName(u"resumeButton")

        self.actions.addWidget(self.resumeButton)

        self.deleteButton = QPushButton(CaseListForm)
        self.deleteButton.setObjectName(u"deleteButton")

        self.actions.addWidget(self.deleteButton)

        self.actionSpace = QSpacerItem(0, 0, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.actions.addItem(self.actionSpace)

        self.count = QLabel(CaseListForm)
        self.count.setObjectName(u"count")
        self.count.setTextFormat(Qt.PlainText)

        self.actions.addWidget(self.count)


        self.outer.addLayout(self.actions)

        QWidget.setTabOrder(self.search, self.statusFilter)
        QWidget.setTabOrder(self.statusFilter, self.importNoteButton)
        QWidget.setTabOrder(self.importNoteButton, self.newButton)
        QWidget.setTabOrder(self.newButton, self.table)
        QWidget.setTabOrder(self.table, self.resumeButton)
        QWidget.setTabOrder(self.resumeButton, self.deleteButton)

        self.retranslateUi(CaseListForm)
    # setupUi

    def retranslateUi(self, CaseListForm):
        self.search.setPlaceholderText(QCoreApplication.translate("CaseListForm", u"Search by reference or name", None))
#if QT_CONFIG(accessibility)
        self.search.setAccessibleName(QCoreApplication.translate("CaseListForm", u"Search cases", None))
#endif // QT_CONFIG(accessibility)
#if QT_CONFIG(accessibility)
        self.statusFilter.setAccessibleName(QCoreApplication.translate("CaseListForm", u"Show cases that are", None))
#endif // QT_CONFIG(accessibility)
        self.importNoteButton.setText(QCoreApplication.translate("CaseListForm", u"&Import review note\u2026", None))
#if QT_CONFIG(accessibility)
        self.importNoteButton.setAccessibleName(QCoreApplication.translate("CaseListForm", u"Import a team lead's review note", None))
#endif // QT_CONFIG(accessibility)
#if QT_CONFIG(tooltip)
        self.importNoteButton.setToolTip(QCoreApplication.translate("CaseListForm", u"Open the approval or return note your team lead sent for a referral you sent for review.", None))
#endif // QT_CONFIG(tooltip)
        self.newButton.setText(QCoreApplication.translate("CaseListForm", u"&New referral", None))
#if QT_CONFIG(accessibility)
        self.newButton.setAccessibleName(QCoreApplication.translate("CaseListForm", u"New referral", None))
#endif // QT_CONFIG(accessibility)
#if QT_CONFIG(accessibility)
        self.table.setAccessibleName(QCoreApplication.translate("CaseListForm", u"Cases", None))
#endif // QT_CONFIG(accessibility)
        self.comments.setText("")
#if QT_CONFIG(accessibility)
        self.comments.setAccessibleName(QCoreApplication.translate("CaseListForm", u"Reviewer's comments", None))
#endif // QT_CONFIG(accessibility)
        self.resumeButton.setText(QCoreApplication.translate("CaseListForm", u"&Resume", None))
#if QT_CONFIG(accessibility)
        self.resumeButton.setAccessibleName(QCoreApplication.translate("CaseListForm", u"Resume the selected case", None))
#endif // QT_CONFIG(accessibility)
        self.deleteButton.setText(QCoreApplication.translate("CaseListForm", u"&Delete draft\u2026", None))
#if QT_CONFIG(accessibility)
        self.deleteButton.setAccessibleName(QCoreApplication.translate("CaseListForm", u"Delete the selected draft", None))
#endif // QT_CONFIG(accessibility)
        self.count.setText("")
        pass
    # retranslateUi

