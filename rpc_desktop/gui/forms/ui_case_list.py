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
from PySide6.QtWidgets import (QAbstractItemView, QApplication, QComboBox, QFrame,
    QHBoxLayout, QHeaderView, QLabel, QLineEdit,
    QPushButton, QSizePolicy, QSpacerItem, QTableWidget,
    QTableWidgetItem, QVBoxLayout, QWidget)

class Ui_CaseListForm(object):
    def setupUi(self, CaseListForm):
        if not CaseListForm.objectName():
            CaseListForm.setObjectName(u"CaseListForm")
        self.outer = QVBoxLayout(CaseListForm)
        self.outer.setObjectName(u"outer")
        self.toolbar = QHBoxLayout()
        self.toolbar.setObjectName(u"toolbar")
        self.newButton = QPushButton(CaseListForm)
        self.newButton.setObjectName(u"newButton")

        self.toolbar.addWidget(self.newButton)

        self.importNoteButton = QPushButton(CaseListForm)
        self.importNoteButton.setObjectName(u"importNoteButton")

        self.toolbar.addWidget(self.importNoteButton)

        self.toolbarSpace = QSpacerItem(0, 0, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.toolbar.addItem(self.toolbarSpace)


        self.outer.addLayout(self.toolbar)

        self.filters = QHBoxLayout()
        self.filters.setObjectName(u"filters")
        self.search = QLineEdit(CaseListForm)
        self.search.setObjectName(u"search")
        self.search.setClearButtonEnabled(True)

        self.filters.addWidget(self.search)

        self.statusLabel = QLabel(CaseListForm)
        self.statusLabel.setObjectName(u"statusLabel")

        self.filters.addWidget(self.statusLabel)

        self.statusFilter = QComboBox(CaseListForm)
        self.statusFilter.setObjectName(u"statusFilter")

        self.filters.addWidget(self.statusFilter)

        self.schemeLabel = QLabel(CaseListForm)
        self.schemeLabel.setObjectName(u"schemeLabel")

        self.filters.addWidget(self.schemeLabel)

        self.schemeFilter = QComboBox(CaseListForm)
        self.schemeFilter.setObjectName(u"schemeFilter")

        self.filters.addWidget(self.schemeFilter)

        self.dueLabel = QLabel(CaseListForm)
        self.dueLabel.setObjectName(u"dueLabel")

        self.filters.addWidget(self.dueLabel)

        self.dueFilter = QComboBox(CaseListForm)
        self.dueFilter.setObjectName(u"dueFilter")

        self.filters.addWidget(self.dueFilter)


        self.outer.addLayout(self.filters)

        self.dueBanner = QFrame(CaseListForm)
        self.dueBanner.setObjectName(u"dueBanner")
        self.dueBanner.setFrameShape(QFrame.StyledPanel)
        self.dueRow = QHBoxLayout(self.dueBanner)
        self.dueRow.setObjectName(u"dueRow")
        self.dueSummary = QLabel(self.dueBanner)
        self.dueSummary.setObjectName(u"dueSummary")
        self.dueSummary.setTextFormat(Qt.PlainText)
        self.dueSummary.setWordWrap(True)

        self.dueRow.addWidget(self.dueSummary)

        self.showDueButton = QPushButton(self.dueBanner)
        self.showDueButton.setObjectName(u"showDueButton")

        self.dueRow.addWidget(self.showDueButton)


        self.outer.addWidget(self.dueBanner)

        self.table = QTableWidget(CaseListForm)
        self.table.setObjectName(u"table")
        self.table.setEditTriggers(QAbstractItemView.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SingleSelection)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)

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

        self.afterButton = QPushButton(CaseListForm)
        self.afterButton.setObjectName(u"afterButton")

        self.actions.addWidget(self.afterButton)

        self.deleteButton = QPushButton(CaseListForm)
        self.deleteButton.setObjectName(u"deleteButton")

        self.actions.addWidget(self.deleteButton)

        self.actionSpace = QSpacerItem(0, 0, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.actions.addItem(self.actionSpace)

        self.count = QLabel(CaseListForm)
        self.count.setObjectName(u"count")
        self.count.setTextFormat(Qt.PlainText)

        self.actions.addWidget(self.count)

        self.moreButton = QPushButton(CaseListForm)
        self.moreButton.setObjectName(u"moreButton")

        self.actions.addWidget(self.moreButton)


        self.outer.addLayout(self.actions)

#if QT_CONFIG(shortcut)
        self.statusLabel.setBuddy(self.statusFilter)
        self.schemeLabel.setBuddy(self.schemeFilter)
        self.dueLabel.setBuddy(self.dueFilter)
#endif // QT_CONFIG(shortcut)
        QWidget.setTabOrder(self.newButton, self.importNoteButton)
        QWidget.setTabOrder(self.importNoteButton, self.search)
        QWidget.setTabOrder(self.search, self.statusFilter)
        QWidget.setTabOrder(self.statusFilter, self.schemeFilter)
        QWidget.setTabOrder(self.schemeFilter, self.dueFilter)
        QWidget.setTabOrder(self.dueFilter, self.showDueButton)
        QWidget.setTabOrder(self.showDueButton, self.table)
        QWidget.setTabOrder(self.table, self.resumeButton)
        QWidget.setTabOrder(self.resumeButton, self.afterButton)
        QWidget.setTabOrder(self.afterButton, self.deleteButton)
        QWidget.setTabOrder(self.deleteButton, self.moreButton)

        self.retranslateUi(CaseListForm)
    # setupUi

    def retranslateUi(self, CaseListForm):
        self.newButton.setText(QCoreApplication.translate("CaseListForm", u"&New referral", None))
#if QT_CONFIG(accessibility)
        self.newButton.setAccessibleName(QCoreApplication.translate("CaseListForm", u"New referral", None))
#endif // QT_CONFIG(accessibility)
        self.importNoteButton.setText(QCoreApplication.translate("CaseListForm", u"&Import review note\u2026", None))
#if QT_CONFIG(accessibility)
        self.importNoteButton.setAccessibleName(QCoreApplication.translate("CaseListForm", u"Import a team lead's review note", None))
#endif // QT_CONFIG(accessibility)
#if QT_CONFIG(tooltip)
        self.importNoteButton.setToolTip(QCoreApplication.translate("CaseListForm", u"Open the approval or return note your team lead sent for a referral you sent for review.", None))
#endif // QT_CONFIG(tooltip)
        self.search.setPlaceholderText(QCoreApplication.translate("CaseListForm", u"Search by reference or name", None))
#if QT_CONFIG(accessibility)
        self.search.setAccessibleName(QCoreApplication.translate("CaseListForm", u"Search cases", None))
#endif // QT_CONFIG(accessibility)
        self.statusLabel.setText(QCoreApplication.translate("CaseListForm", u"Sho&w:", None))
#if QT_CONFIG(accessibility)
        self.statusFilter.setAccessibleName(QCoreApplication.translate("CaseListForm", u"Show cases that are", None))
#endif // QT_CONFIG(accessibility)
        self.schemeLabel.setText(QCoreApplication.translate("CaseListForm", u"Sc&heme:", None))
#if QT_CONFIG(accessibility)
        self.schemeFilter.setAccessibleName(QCoreApplication.translate("CaseListForm", u"Show cases of the scheme", None))
#endif // QT_CONFIG(accessibility)
        self.dueLabel.setText(QCoreApplication.translate("CaseListForm", u"D&ue:", None))
#if QT_CONFIG(accessibility)
        self.dueFilter.setAccessibleName(QCoreApplication.translate("CaseListForm", u"Show cases whose next action is due", None))
#endif // QT_CONFIG(accessibility)
        self.dueSummary.setText("")
        self.showDueButton.setText(QCoreApplication.translate("CaseListForm", u"Show &them", None))
#if QT_CONFIG(accessibility)
        self.showDueButton.setAccessibleName(QCoreApplication.translate("CaseListForm", u"Show the cases due today or overdue", None))
#endif // QT_CONFIG(accessibility)
#if QT_CONFIG(accessibility)
        self.table.setAccessibleName(QCoreApplication.translate("CaseListForm", u"Cases", None))
#endif // QT_CONFIG(accessibility)
        self.comments.setText("")
        self.resumeButton.setText(QCoreApplication.translate("CaseListForm", u"&Resume", None))
#if QT_CONFIG(accessibility)
        self.resumeButton.setAccessibleName(QCoreApplication.translate("CaseListForm", u"Resume the selected case", None))
#endif // QT_CONFIG(accessibility)
        self.afterButton.setText(QCoreApplication.translate("CaseListForm", u"&After sending\u2026", None))
#if QT_CONFIG(accessibility)
        self.afterButton.setAccessibleName(QCoreApplication.translate("CaseListForm", u"After sending: the referral's steps and what happened", None))
#endif // QT_CONFIG(accessibility)
#if QT_CONFIG(tooltip)
        self.afterButton.setToolTip(QCoreApplication.translate("CaseListForm", u"See when each step of the referral is due, and record what happened.", None))
#endif // QT_CONFIG(tooltip)
        self.deleteButton.setText(QCoreApplication.translate("CaseListForm", u"&Delete draft\u2026", None))
#if QT_CONFIG(accessibility)
        self.deleteButton.setAccessibleName(QCoreApplication.translate("CaseListForm", u"Delete the selected draft", None))
#endif // QT_CONFIG(accessibility)
        self.count.setText("")
        self.moreButton.setText(QCoreApplication.translate("CaseListForm", u"Show &more", None))
#if QT_CONFIG(accessibility)
        self.moreButton.setAccessibleName(QCoreApplication.translate("CaseListForm", u"Show more cases", None))
#endif // QT_CONFIG(accessibility)
        pass
    # retranslateUi

