#include "ui/widgets/measurements_panel.h"

#include "ui/plot/qcustomplot_include.h"

#include <QApplication>
#include <QClipboard>
#include <QDir>
#include <QEvent>
#include <QFileDialog>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QMessageBox>
#include <QPushButton>
#include <QSaveFile>
#include <QSpinBox>
#include <QSplitter>
#include <QTableWidget>
#include <QVBoxLayout>

#include <opencv2/core/mat.hpp>

namespace hrtem::ui {

namespace {
enum Column { Number, Kind, Frame, Value, Ends, ColumnCount };

QString pointText(const MeasurePoint& p)
{
    const QString at = QStringLiteral("(%1, %2)").arg(p.x, 0, 'f', 2).arg(p.y, 0, 'f', 2);
    return p.atomId >= 0 ? QStringLiteral("#%1 %2").arg(p.atomId).arg(at) : at;
}
} // namespace

MeasurementsPanel::MeasurementsPanel(MeasureTool* tool, QWidget* parent) : QWidget(parent), mTool(tool)
{
    mTable = new QTableWidget(0, ColumnCount, this);
    mTable->setObjectName(QStringLiteral("measurementsTable"));
    mTable->setSelectionBehavior(QAbstractItemView::SelectRows);
    mTable->setSelectionMode(QAbstractItemView::SingleSelection);
    mTable->setEditTriggers(QAbstractItemView::NoEditTriggers);
    mTable->verticalHeader()->hide();
    mTable->horizontalHeader()->setStretchLastSection(true);
    mTable->setMinimumHeight(60);
    mRemove = new QPushButton(this);
    mClear = new QPushButton(this);
    mCopy = new QPushButton(this);
    mExport = new QPushButton(this);
    mExport->setObjectName(QStringLiteral("exportMeasurements"));
    auto* buttons = new QHBoxLayout;
    for (QPushButton* b : {mRemove, mClear, mCopy, mExport})
        buttons->addWidget(b);
    buttons->addStretch(1);

    mProfileLabel = new QLabel(this);
    // Elided by its width rather than widening the dock (the window must fit 1366 px).
    mProfileLabel->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);
    mWidthLabel = new QLabel(this);
    mWidth = new QSpinBox(this);
    mWidth->setRange(1, 51);
    mWidth->setSingleStep(2);
    mWidth->setValue(1);
    auto* profileRow = new QHBoxLayout;
    profileRow->addWidget(mProfileLabel, 1);
    profileRow->addWidget(mWidthLabel);
    profileRow->addWidget(mWidth);
    mPlot = new QCustomPlot(this);
    mPlot->setObjectName(QStringLiteral("profilePlot"));
    mPlot->setMinimumSize(160, 90);
    mPlot->yAxis->ticker()->setTickCount(4); // a low plot: few labels, none overlapping
    mPlot->addGraph();
    mPlot->graph(0)->setPen(QPen(QColor(200, 150, 0), 1.5));

    // The list and the profile side by side: the dock sits below the frame, wide and low.
    auto* listSide = new QWidget(this);
    auto* listLayout = new QVBoxLayout(listSide);
    listLayout->setContentsMargins(0, 0, 0, 0);
    listLayout->addWidget(mTable, 1);
    listLayout->addLayout(buttons);
    auto* profileSide = new QWidget(this);
    auto* profileLayout = new QVBoxLayout(profileSide);
    profileLayout->setContentsMargins(0, 0, 0, 0);
    profileLayout->addLayout(profileRow);
    profileLayout->addWidget(mPlot, 1);
    auto* splitter = new QSplitter(Qt::Horizontal, this);
    splitter->addWidget(listSide);
    splitter->addWidget(profileSide);
    splitter->setStretchFactor(0, 1);
    splitter->setStretchFactor(1, 1);
    splitter->setChildrenCollapsible(false);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addWidget(splitter);

    connect(mTool, &MeasureTool::measurementsChanged, this, &MeasurementsPanel::refresh);
    connect(mTool, &MeasureTool::selectedChanged, this, [this](int index) {
        if (index >= 0 && index < mTable->rowCount())
            mTable->selectRow(index);
        else
            mTable->clearSelection();
        updateProfile();
    });
    connect(mTable, &QTableWidget::itemSelectionChanged, this, [this] {
        const QList<QTableWidgetItem*> items = mTable->selectedItems();
        mTool->setSelected(items.isEmpty() ? -1 : items.first()->row());
    });
    connect(mRemove, &QPushButton::clicked, this, [this] { mTool->remove(mTool->selected()); });
    connect(mClear, &QPushButton::clicked, mTool, &MeasureTool::clear);
    connect(mCopy, &QPushButton::clicked, this, [this] { QApplication::clipboard()->setText(measurementsCsv()); });
    connect(mExport, &QPushButton::clicked, this, &MeasurementsPanel::exportCsv);
    connect(mWidth, qOverload<int>(&QSpinBox::valueChanged), this, &MeasurementsPanel::updateProfile);
    retranslate();
    refresh();
}

int MeasurementsPanel::profileWidth() const { return mWidth->value(); }

void MeasurementsPanel::refresh()
{
    fillTable();
    updateProfile();
}

QString MeasurementsPanel::kindName(MeasureTool::Kind kind) const
{
    switch (kind) {
    case MeasureTool::Kind::Distance: return tr("Distance");
    case MeasureTool::Kind::Angle: return tr("Angle");
    case MeasureTool::Kind::Profile: return tr("Line profile");
    }
    return {};
}

void MeasurementsPanel::fillTable()
{
    const QSignalBlocker block(mTable);
    const auto& all = mTool->measurements();
    mTable->setRowCount(int(all.size()));
    for (int row = 0; row < int(all.size()); ++row) {
        const MeasureTool::Measurement& m = all[std::size_t(row)];
        QStringList ends;
        for (const MeasurePoint& p : m.points)
            ends << pointText(p);
        const QString texts[ColumnCount] = {QString::number(row + 1), kindName(m.kind), QString::number(m.frame),
                                            mTool->describe(m), ends.join(QStringLiteral(" – "))};
        for (int column = 0; column < ColumnCount; ++column)
            mTable->setItem(row, column, new QTableWidgetItem(texts[column]));
    }
    mTable->resizeColumnsToContents();
    if (mTool->selected() >= 0)
        mTable->selectRow(mTool->selected());
    mRemove->setEnabled(!all.empty());
    mClear->setEnabled(!all.empty());
    mCopy->setEnabled(!all.empty());
    mExport->setEnabled(!all.empty());
}

int MeasurementsPanel::profileIndex() const
{
    const auto& all = mTool->measurements();
    const int selected = mTool->selected();
    if (selected >= 0 && selected < int(all.size()) && all[std::size_t(selected)].kind == MeasureTool::Kind::Profile)
        return selected;
    for (int i = int(all.size()) - 1; i >= 0; --i)
        if (all[std::size_t(i)].kind == MeasureTool::Kind::Profile)
            return i;
    return -1;
}

void MeasurementsPanel::updateProfile()
{
    const int index = profileIndex();
    const cv::Mat* frame = mFrameSource ? mFrameSource() : nullptr;
    mProfile.clear();
    if (index >= 0 && frame != nullptr && !frame->empty()) {
        const MeasureTool::Measurement& m = mTool->measurements()[std::size_t(index)];
        mProfile = lineProfile(*frame, m.points[0], m.points[1], mWidth->value(), mTool->scale());
    }
    QVector<double> x, y;
    for (const ProfileSample& s : mProfile) {
        x << s.distance;
        y << s.value;
    }
    mPlot->graph(0)->setData(x, y, true);
    mPlot->xAxis->setLabel(tr("Distance along the line (%1)").arg(mTool->units()));
    mPlot->yAxis->setLabel(tr("Intensity"));
    if (!mProfile.empty()) {
        mPlot->xAxis->setRange(0.0, std::max(x.back(), 1e-9));
        bool found = false;
        QCPRange range = mPlot->graph(0)->getValueRange(found);
        if (found && range.size() <= 0)
            range = QCPRange(range.lower - 1, range.upper + 1);
        mPlot->yAxis->setRange(range.lower - 0.05 * range.size(), range.upper + 0.05 * range.size());
        mProfileLabel->setText(tr("Line profile %1 on frame shown").arg(index + 1));
    } else {
        mProfileLabel->setText(tr("Draw a line profile (P) to plot it here"));
    }
    mPlot->replot(QCustomPlot::rpQueuedReplot);
}

QString MeasurementsPanel::measurementsCsv() const
{
    QString csv = QStringLiteral("number,kind,frame,value,error,unit,x1_px,y1_px,column1,x2_px,y2_px,column2,x3_px,y3_px,column3\n");
    static const char* kinds[] = {"distance", "angle", "profile"};
    const auto& all = mTool->measurements();
    for (std::size_t i = 0; i < all.size(); ++i) {
        const MeasureTool::Measurement& m = all[i];
        const MeasureTool::Value v = mTool->valueOf(m);
        QStringList fields = {QString::number(i + 1), QString::fromLatin1(kinds[int(m.kind)]), QString::number(m.frame),
                              QString::number(v.value, 'g', 10), v.hasError ? QString::number(v.error, 'g', 6) : QString(),
                              v.units == QStringLiteral("°") ? QStringLiteral("deg") : v.units};
        for (std::size_t k = 0; k < 3; ++k) {
            if (k < m.points.size()) {
                const MeasurePoint& p = m.points[k];
                fields << QString::number(p.x, 'f', 3) << QString::number(p.y, 'f', 3)
                       << (p.atomId >= 0 ? QString::number(p.atomId) : QString());
            } else {
                fields << QString() << QString() << QString();
            }
        }
        csv += fields.join(QLatin1Char(',')) + QLatin1Char('\n');
    }
    return csv;
}

QString MeasurementsPanel::profileCsv() const
{
    QString csv = QStringLiteral("distance_%1,intensity\n").arg(mTool->units());
    for (const ProfileSample& s : mProfile)
        csv += QStringLiteral("%1,%2\n").arg(s.distance, 0, 'g', 10).arg(s.value, 0, 'g', 8);
    return csv;
}

void MeasurementsPanel::exportCsv()
{
    const QString start = QDir(mDefaultFolder.isEmpty() ? QDir::homePath() : mDefaultFolder).filePath(QStringLiteral("measurements.csv"));
    const QString path = QFileDialog::getSaveFileName(this, tr("Export measurements"), start, tr("CSV table (*.csv)"));
    if (path.isEmpty())
        return;
    // The measurements, and beside them the profile plotted now.
    const QString profilePath = QFileInfo(path).dir().filePath(QFileInfo(path).completeBaseName() + QStringLiteral("_profile.csv"));
    QStringList written;
    for (const auto& [file, text] : {std::pair{path, measurementsCsv()}, std::pair{profilePath, profileCsv()}}) {
        if (file == profilePath && mProfile.empty())
            continue;
        QSaveFile out(file);
        if (!out.open(QIODevice::WriteOnly) || out.write(text.toUtf8()) < 0 || !out.commit()) {
            QMessageBox::warning(this, tr("Export measurements"),
                                 tr("Could not write “%1”: %2").arg(QDir::toNativeSeparators(file), out.errorString()));
            return;
        }
        written << QDir::toNativeSeparators(file);
    }
    QMessageBox::information(this, tr("Export measurements"), tr("Written:\n%1").arg(written.join(QLatin1Char('\n'))));
}

void MeasurementsPanel::changeEvent(QEvent* event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    QWidget::changeEvent(event);
}

void MeasurementsPanel::retranslate()
{
    mTable->setHorizontalHeaderLabels({tr("#"), tr("Kind"), tr("Frame"), tr("Value"), tr("Ends (px; #column)")});
    mRemove->setText(tr("Remove"));
    mRemove->setToolTip(tr("Remove the selected measurement"));
    mClear->setText(tr("Clear"));
    mClear->setToolTip(tr("Remove every measurement"));
    mCopy->setText(tr("Copy"));
    mCopy->setToolTip(tr("Copy the measurements as CSV text"));
    mExport->setText(tr("Export CSV…"));
    mExport->setToolTip(tr("Write the measurements and the line profile shown as CSV files"));
    mWidthLabel->setText(tr("Width (px)"));
    mWidth->setToolTip(tr("Pixels across the line averaged into each profile sample"));
    refresh();
}

} // namespace hrtem::ui
