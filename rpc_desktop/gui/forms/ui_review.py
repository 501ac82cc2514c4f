# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'review.ui'
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
from PySide6.QtWidgets import (QApplication, QFormLayout, QGroupBox, QHBoxLayout,
    QHeaderView, QLabel, QLineEdit, QListWidget,
    QListWidgetItem, QPlainTextEdit, QPushButton, QScrollArea,
    QSizePolicy, QSpacerItem, QSplitter, QTabWidget,
    QTreeWidget, QTreeWidgetItem, QVBoxLayout, QWidget)

class Ui_ReviewForm(object):
    def setupUi(self, ReviewForm):
        if not ReviewForm.objectName():
            ReviewForm.setObjectName(u"ReviewForm")
        self.outer = QVBoxLayout(ReviewForm)
        self.outer.setObjectName(u"outer")
        self.heading = QLabel(ReviewForm)
        self.heading.setObjectName(u"heading")
        self.heading.setTextFormat(Qt.PlainText)

        self.outer.addWidget(self.heading)

        self.verified = QLabel(ReviewForm)
        self.verified.setObjectName(u"verified")
        self.verified.setTextFormat(Qt.PlainText)
        self.verified.setWordWrap(True)

        self.outer.addWidget(self.verified)

        self.splitter = QSplitter(ReviewForm)
        self.splitter.setObjectName(u"splitter")
        self.splitter.setOrientation(Qt.Horizontal)
        self.splitter.setChildrenCollapsible(False)
        self.documents = QTabWidget(self.splitter)
        self.documents.setObjectName(u"documents")
        sizePolicy = QSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        sizePolicy.setHorizontalStretch(3)
        sizePolicy.setVerticalStretch(0)
        sizePolicy.setHeightForWidth(self.documents.sizePolicy().hasHeightForWidth())
        self.documents.setSizePolicy(sizePolicy)
        self.splitter.addWidget(self.documents)
        self.side = QScrollArea(self.splitter)
        self.side.setObjectName(u"side")
        self.side.setWidgetResizable(True)
        sizePolicy1 = QSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Expanding)
        sizePolicy1.setHorizontalStretch(2)
        sizePolicy1.setVerticalStretch(0)
        sizePolicy1.setHeightForWidth(self.side.sizePolicy().hasHeightForWidth())
        self.side.setSizePolicy(sizePolicy1)
        self.sideBody = QWidget()
        self.sideBody.setObjectName(u"sideBody")
        self.sideLayout = QVBoxLayout(self.sideBody)
        self.sideLayout.setObjectName(u"sideLayout")
        self.checklistBox = QGroupBox(self.sideBody)
        self.checklistBox.setObjectName(u"checklistBox")
        self.checklistLayout = QVBoxLayout(self.checklistBox)
        self.checklistLayout.setObjectName(u"checklistLayout")
        self.outcome = QLabel(self.checklistBox)
        self.outcome.setObjectName(u"outcome")
        self.outcome.setTextFormat(Qt.PlainText)
        self.outcome.setWordWrap(True)

        self.checklistLayout.addWidget(self.outcome)

        self.checklist = QTreeWidget(self.checklistBox)
        self.checklist.setObjectName(u"checklist")
        self.checklist.setRootIsDecorated(False)
        self.checklist.setWordWrap(True)
        self.checklist.setUniformRowHeights(False)
        self.checklist.setMaximumSize(QSize(16777215, 190))

        self.checklistLayout.addWidget(self.checklist)

        self.screening = QLabel(self.checklistBox)
        self.screening.setObjectName(u"screening")
        self.screening.setTextFormat(Qt.PlainText)
        self.screening.setWordWrap(True)

        self.checklistLayout.addWidget(self.screening)


        self.sideLayout.addWidget(self.checklistBox)

        self.historyBox = QGroupBox(self.sideBody)
        self.historyBox.setObjectName(u"historyBox")
        self.historyLayout = QVBoxLayout(self.historyBox)
        self.historyLayout.setObjectName(u"historyLayout")
        self.history = QListWidget(self.historyBox)
        self.history.setObjectName(u"history")
        self.history.setMaximumSize(QSize(16777215, 66))

        self.historyLayout.addWidget(self.history)


        self.sideLayout.addWidget(self.historyBox)

        self.decisionBox = QGroupBox(self.sideBody)
        self.decisionBox.setObjectName(u"decisionBox")
        self.decisionLayout = QFormLayout(self.decisionBox)
        self.decisionLayout.setObjectName(u"decisionLayout")
        self.reviewerLabel = QLabel(self.decisionBox)
        self.reviewerLabel.setObjectName(u"reviewerLabel")

        self.decisionLayout.setWidget(0, QFormLayout.ItemRole.LabelRole, self.reviewerLabel)

        self.reviewer = QLineEdit(self.decisionBox)
        self.reviewer.setObjectName(u"reviewer")

        self.decisionLayout.setWidget(0, QFormLayout.ItemRole.FieldRole, self.reviewer)

        self.commentLabel = QLabel(self.decisionBox)
        self.commentLabel.setObjectName(u"commentLabel")

        self.decisionLayout.setWidget(1, QFormLayout.ItemRole.LabelRole, self.commentLabel)

        self.comment = QPlainTextEdit(self.decisionBox)
        self.comment.setObjectName(u"comment")
        self.comment.setTabChangesFocus(True)
        self.comment.setMaximumSize(QSize(16777215, 72))

        self.decisionLayout.setWidget(1, QFormLayout.ItemRole.FieldRole, self.comment)

        self.signatureLabel = QLabel(self.decisionBox)
        self.signatureLabel.setObjectName(u"signatureLabel")

        self.decisionLayout.setWidget(2, QFormLayout.ItemRole.LabelRole, self.signatureLabel)

        self.signatureSlot = QWidget(self.decisionBox)
        self.signatureSlot.setObjectName(u"signatureSlot")
        self.signatureSlotLayout = QVBoxLayout(self.signatureSlot)
        self.signatureSlotLayout.setObjectName(u"signatureSlotLayout")
        self.signatureSlotLayout.setContentsMargins(0, 0, 0, 0)

        self.decisionLayout.setWidget(2, QFormLayout.ItemRole.FieldRole, self.signatureSlot)

        self.decisionButtons = QHBoxLayout()
        self.decisionButtons.setObjectName(u"decisionButtons")
        self.approveButton = QPushButton(self.decisionBox)
        self.approveButton.setObjectName(u"approveButton")

        self.decisionButtons.addWidget(self.approveButton)

        self.returnButton = QPushButton(self.decisionBox)
        self.returnButton.setObjectName(u"returnButton")

        self.decisionButtons.addWidget(self.returnButton)


        self.decisionLayout.setLayout(3, QFormLayout.ItemRole.FieldRole, self.decisionButtons)

        self.message = QLabel(self.decisionBox)
        self.message.setObjectName(u"message")
        self.message.setTextFormat(Qt.PlainText)
        self.message.setWordWrap(True)
        self.message.setTextInteractionFlags(Qt.TextSelectableByMouse)

        self.decisionLayout.setWidget(4, QFormLayout.ItemRole.FieldRole, self.message)


        self.sideLayout.addWidget(self.decisionBox)

        self.sideSpace = QSpacerItem(0, 0, QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Expanding)

        self.sideLayout.addItem(self.sideSpace)

        self.side.setWidget(self.sideBody)
        self.splitter.addWidget(self.side)

        self.outer.addWidget(self.splitter)

        self.bottom = QHBoxLayout()
        self.bottom.setObjectName(u"bottom")
        self.backButton = QPushButton(ReviewForm)
        self.backButton.setObjectName(u"backButton")

        self.bottom.addWidget(self.backButton)

        self.bottomSpace = QSpacerItem(0, 0, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.bottom.addItem(self.bottomSpace)


        self.outer.addLayout(self.bottom)

        self.outer.setStretch(2, 1)
#if QT_CONFIG(shortcut)
        self.reviewerLabel.setBuddy(self.reviewer)
        self.commentLabel.setBuddy(self.comment)
#endif // QT_CONFIG(shortcut)
        QWidget.setTabOrder(self.documents, self.reviewer)
        QWidget.setTabOrder(self.reviewer, self.comment)
        QWidget.setTabOrder(self.comment, self.approveButton)
        QWidget.setTabOrder(self.approveButton, self.returnButton)
        QWidget.setTabOrder(self.returnButton, self.backButton)

        self.retranslateUi(ReviewForm)
    # setupUi

    def retranslateUi(self, ReviewForm):
        self.heading.setText("")
#if QT_CONFIG(accessibility)
        self.heading.setAccessibleName(QCoreApplication.translate("ReviewForm", u"Bundle under review", None))
#endif // QT_CONFIG(accessibility)
        self.verified.setText("")
#if QT_CONFIG(accessibility)
        self.verified.setAccessibleName(QCoreApplication.translate("ReviewForm", u"Verification", None))
#endif // QT_CONFIG(accessibility)
#if QT_CONFIG(accessibility)
        self.documents.setAccessibleName(QCoreApplication.translate("ReviewForm", u"The four documents", None))
#endif // QT_CONFIG(accessibility)
        self.checklistBox.setTitle(QCoreApplication.translate("ReviewForm", u"Eligibility checklist", None))
        self.outcome.setText("")
#if QT_CONFIG(accessibility)
        self.outcome.setAccessibleName(QCoreApplication.translate("ReviewForm", u"Outcome", None))
#endif // QT_CONFIG(accessibility)
        ___qtreewidgetitem = self.checklist.headerItem()
        ___qtreewidgetitem.setText(2, QCoreApplication.translate("ReviewForm", u"Reason", None))
        ___qtreewidgetitem.setText(1, QCoreApplication.translate("ReviewForm", u"Outcome", None))
        ___qtreewidgetitem.setText(0, QCoreApplication.translate("ReviewForm", u"Criterion", None))
#if QT_CONFIG(accessibility)
        self.checklist.setAccessibleName(QCoreApplication.translate("ReviewForm", u"Eligibility checklist", None))
#endif // QT_CONFIG(accessibility)
        self.screening.setText("")
#if QT_CONFIG(accessibility)
        self.screening.setAccessibleName(QCoreApplication.translate("ReviewForm", u"Screening statement", None))
#endif // QT_CONFIG(accessibility)
        self.historyBox.setTitle(QCoreApplication.translate("ReviewForm", u"Versions", None))
#if QT_CONFIG(accessibility)
        self.history.setAccessibleName(QCoreApplication.translate("ReviewForm", u"Version history", None))
#endif // QT_CONFIG(accessibility)
        self.decisionBox.setTitle(QCoreApplication.translate("ReviewForm", u"Your decision", None))
        self.reviewerLabel.setText(QCoreApplication.translate("ReviewForm", u"Your &name", None))
#if QT_CONFIG(accessibility)
        self.reviewer.setAccessibleName(QCoreApplication.translate("ReviewForm", u"Your name", None))
#endif // QT_CONFIG(accessibility)
        self.commentLabel.setText(QCoreApplication.translate("ReviewForm", u"&Comments", None))
#if QT_CONFIG(accessibility)
        self.comment.setAccessibleName(QCoreApplication.translate("ReviewForm", u"Comments", None))
#endif // QT_CONFIG(accessibility)
        self.comment.setPlaceholderText(QCoreApplication.translate("ReviewForm", u"For a return, say what needs changing; the practitioner sees this.", None))
        self.signatureLabel.setText(QCoreApplication.translate("ReviewForm", u"Signature", None))
        self.approveButton.setText(QCoreApplication.translate("ReviewForm", u"&Approve\u2026", None))
#if QT_CONFIG(accessibility)
        self.approveButton.setAccessibleName(QCoreApplication.translate("ReviewForm", u"Approve and write the email to the gateway", None))
#endif // QT_CONFIG(accessibility)
        self.returnButton.setText(QCoreApplication.translate("ReviewForm", u"&Return for changes\u2026", None))
#if QT_CONFIG(accessibility)
        self.returnButton.setAccessibleName(QCoreApplication.translate("ReviewForm", u"Return to the practitioner with comments", None))
#endif // QT_CONFIG(accessibility)
        self.message.setText("")
#if QT_CONFIG(accessibility)
        self.message.setAccessibleName(QCoreApplication.translate("ReviewForm", u"Decision result", None))
#endif // QT_CONFIG(accessibility)
        self.backButton.setText(QCoreApplication.translate("ReviewForm", u"&Back to the list", None))
#if QT_CONFIG(accessibility)
        self.backButton.setAccessibleName(QCoreApplication.translate("ReviewForm", u"Back to the list of bundles", None))
#endif // QT_CONFIG(accessibility)
        pass
    # retranslateUi

