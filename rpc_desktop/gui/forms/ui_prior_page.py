# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'prior_page.ui'
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
from PySide6.QtWidgets import (QApplication, QCheckBox, QDateEdit, QFormLayout,
    QHBoxLayout, QLabel, QLineEdit, QSizePolicy,
    QSpacerItem, QVBoxLayout, QWidget)

class Ui_PriorPageForm(object):
    def setupUi(self, PriorPageForm):
        if not PriorPageForm.objectName():
            PriorPageForm.setObjectName(u"PriorPageForm")
        self.outer = QVBoxLayout(PriorPageForm)
        self.outer.setObjectName(u"outer")
        self.form = QFormLayout()
        self.form.setObjectName(u"form")
        self.form.setRowWrapPolicy(QFormLayout.WrapLongRows)
        self.interventionLabel = QLabel(PriorPageForm)
        self.interventionLabel.setObjectName(u"interventionLabel")

        self.form.setWidget(0, QFormLayout.ItemRole.LabelRole, self.interventionLabel)

        self.intervention = QLineEdit(PriorPageForm)
        self.intervention.setObjectName(u"intervention")

        self.form.setWidget(0, QFormLayout.ItemRole.FieldRole, self.intervention)

        self.providerLabel = QLabel(PriorPageForm)
        self.providerLabel.setObjectName(u"providerLabel")

        self.form.setWidget(1, QFormLayout.ItemRole.LabelRole, self.providerLabel)

        self.provider = QLineEdit(PriorPageForm)
        self.provider.setObjectName(u"provider")

        self.form.setWidget(1, QFormLayout.ItemRole.FieldRole, self.provider)

        self.startDateLabel = QLabel(PriorPageForm)
        self.startDateLabel.setObjectName(u"startDateLabel")

        self.form.setWidget(2, QFormLayout.ItemRole.LabelRole, self.startDateLabel)

        self.startDateRow = QHBoxLayout()
        self.startDateRow.setObjectName(u"startDateRow")
        self.startDateKnown = QCheckBox(PriorPageForm)
        self.startDateKnown.setObjectName(u"startDateKnown")

        self.startDateRow.addWidget(self.startDateKnown)

        self.startDate = QDateEdit(PriorPageForm)
        self.startDate.setObjectName(u"startDate")
        self.startDate.setCalendarPopup(True)

        self.startDateRow.addWidget(self.startDate)


        self.form.setLayout(2, QFormLayout.ItemRole.FieldRole, self.startDateRow)

        self.endDateLabel = QLabel(PriorPageForm)
        self.endDateLabel.setObjectName(u"endDateLabel")

        self.form.setWidget(3, QFormLayout.ItemRole.LabelRole, self.endDateLabel)

        self.endDateRow = QHBoxLayout()
        self.endDateRow.setObjectName(u"endDateRow")
        self.endDateKnown = QCheckBox(PriorPageForm)
        self.endDateKnown.setObjectName(u"endDateKnown")

        self.endDateRow.addWidget(self.endDateKnown)

        self.endDate = QDateEdit(PriorPageForm)
        self.endDate.setObjectName(u"endDate")
        self.endDate.setCalendarPopup(True)

        self.endDateRow.addWidget(self.endDate)


        self.form.setLayout(3, QFormLayout.ItemRole.FieldRole, self.endDateRow)


        self.outer.addLayout(self.form)

        self.note = QLabel(PriorPageForm)
        self.note.setObjectName(u"note")
        self.note.setTextFormat(Qt.PlainText)
        self.note.setWordWrap(True)

        self.outer.addWidget(self.note)

        self.bottomSpace = QSpacerItem(0, 0, QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Expanding)

        self.outer.addItem(self.bottomSpace)

#if QT_CONFIG(shortcut)
        self.interventionLabel.setBuddy(self.intervention)
        self.providerLabel.setBuddy(self.provider)
        self.startDateLabel.setBuddy(self.startDateKnown)
        self.endDateLabel.setBuddy(self.endDateKnown)
#endif // QT_CONFIG(shortcut)

        self.retranslateUi(PriorPageForm)
    # setupUi

    def retranslateUi(self, PriorPageForm):
        self.interventionLabel.setText(QCoreApplication.translate("PriorPageForm", u"Intervention", None))
        self.providerLabel.setText(QCoreApplication.translate("PriorPageForm", u"Provider", None))
        self.startDateLabel.setText(QCoreApplication.translate("PriorPageForm", u"Started on", None))
        self.startDateKnown.setText(QCoreApplication.translate("PriorPageForm", u"Recorded", None))
        self.startDate.setDisplayFormat(QCoreApplication.translate("PriorPageForm", u"d MMMM yyyy", None))
        self.endDateLabel.setText(QCoreApplication.translate("PriorPageForm", u"Ended on (leave unticked if it goes on)", None))
        self.endDateKnown.setText(QCoreApplication.translate("PriorPageForm", u"Recorded", None))
        self.endDate.setDisplayFormat(QCoreApplication.translate("PriorPageForm", u"d MMMM yyyy", None))
        self.note.setText(QCoreApplication.translate("PriorPageForm", u"The scheme asks for meaningful engagement in an intervention before the referral.", None))
        pass
    # retranslateUi

