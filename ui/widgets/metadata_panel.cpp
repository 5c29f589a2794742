#include "ui/widgets/metadata_panel.h"

#include "core/util/units.h"
#include "ui/document/stack_document.h"

#include <QEvent>
#include <QHeaderView>
#include <QLineEdit>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace hrtem::ui {

namespace {

QString axisText(const AxisCalibration& a)
{
    if (!a.hasUnits() && a.scale == 1.0 && a.offset == 0.0)
        return MetadataPanel::tr("uncalibrated");
    QString s = QString::fromStdString(formatNumber(a.scale, 8)) + QLatin1Char(' ') + QString::fromStdString(a.units);
    if (a.offset != 0.0)
        s += MetadataPanel::tr(", origin %1 px").arg(a.originPixels(), 0, 'g', 8);
    return s;
}

/// Summary keys core/ writes under stable English names, shown in the interface language.
/// Raw tag names from the file (ImageTags.*) are shown as the file spells them.
QString displayKey(const std::string& key)
{
    static const char* const kKnown[] = {
        QT_TRANSLATE_NOOP("hrtem::ui::MetadataPanel", "Acquisition date"),
        QT_TRANSLATE_NOOP("hrtem::ui::MetadataPanel", "Acquisition time"),
        QT_TRANSLATE_NOOP("hrtem::ui::MetadataPanel", "Exposure (s)"),
        QT_TRANSLATE_NOOP("hrtem::ui::MetadataPanel", "Voltage (kV)"),
        QT_TRANSLATE_NOOP("hrtem::ui::MetadataPanel", "Magnification"),
        QT_TRANSLATE_NOOP("hrtem::ui::MetadataPanel", "Operation mode"),
        QT_TRANSLATE_NOOP("hrtem::ui::MetadataPanel", "Microscope"),
        QT_TRANSLATE_NOOP("hrtem::ui::MetadataPanel", "Detector"),
        QT_TRANSLATE_NOOP("hrtem::ui::MetadataPanel", "STEM dwell time (µs)"),
        QT_TRANSLATE_NOOP("hrtem::ui::MetadataPanel", "Signal"),
        QT_TRANSLATE_NOOP("hrtem::ui::MetadataPanel", "Specimen"),
        QT_TRANSLATE_NOOP("hrtem::ui::MetadataPanel", "Dose (counts/px)"),
        QT_TRANSLATE_NOOP("hrtem::ui::MetadataPanel", "Seed"),
        QT_TRANSLATE_NOOP("hrtem::ui::MetadataPanel", "Preset"),
        QT_TRANSLATE_NOOP("hrtem::ui::MetadataPanel", "Software"),
        QT_TRANSLATE_NOOP("hrtem::ui::MetadataPanel", "Date/time"),
        QT_TRANSLATE_NOOP("hrtem::ui::MetadataPanel", "Description"),
        QT_TRANSLATE_NOOP("hrtem::ui::MetadataPanel", "frame"),
    };
    for (const char* known : kKnown)
        if (key == known)
            return MetadataPanel::tr(known);
    return QString::fromStdString(key);
}

QTreeWidgetItem* childNamed(QTreeWidgetItem* parent, const QString& name)
{
    for (int i = 0; i < parent->childCount(); ++i)
        if (parent->child(i)->text(0) == name)
            return parent->child(i);
    auto* item = new QTreeWidgetItem(parent, {name});
    return item;
}

} // namespace

MetadataPanel::MetadataPanel(StackDocument* document, QWidget* parent) : QWidget(parent), mDocument(document)
{
    mFilter = new QLineEdit(this);
    mFilter->setClearButtonEnabled(true);
    mTree = new QTreeWidget(this);
    mTree->setColumnCount(2);
    mTree->header()->setSectionResizeMode(0, QHeaderView::ResizeToContents);
    mTree->setUniformRowHeights(true);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(6, 6, 6, 6);
    layout->addWidget(mFilter);
    layout->addWidget(mTree, 1);
    connect(mFilter, &QLineEdit::textChanged, this, &MetadataPanel::applyFilter);
    connect(mDocument, &StackDocument::stackOpened, this, &MetadataPanel::rebuild);
    connect(mDocument, &StackDocument::stackClosed, mTree, &QTreeWidget::clear);
    retranslate();
}

void MetadataPanel::retranslate()
{
    mFilter->setPlaceholderText(tr("Filter keys and values"));
    mFilter->setToolTip(tr("Show only the entries whose key or value contains this text"));
    mTree->setHeaderLabels({tr("Key"), tr("Value")});
    rebuild();
}

void MetadataPanel::changeEvent(QEvent* event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    QWidget::changeEvent(event);
}

void MetadataPanel::rebuild()
{
    mTree->clear();
    if (!mDocument->hasStack())
        return;
    const StackInfo& info = mDocument->info();
    auto* summary = new QTreeWidgetItem(mTree, {tr("File")});
    auto add = [](QTreeWidgetItem* parent, const QString& key, const QString& value) {
        new QTreeWidgetItem(parent, {key, value});
    };
    add(summary, tr("Path"), QString::fromStdString(info.path));
    add(summary, tr("Format"), QString::fromStdString(info.format + (info.formatDetail.empty() ? "" : " (" + info.formatDetail + ")")));
    if (!info.imageName.empty())
        add(summary, tr("Image"), QString::fromStdString(info.imageName));
    add(summary, tr("Size"), tr("%1 × %2 px, %3 frame(s)").arg(info.width).arg(info.height).arg(info.frameCount));
    add(summary, tr("Pixel type"), QString::fromStdString(pixelTypeName(info.pixelType)));
    add(summary, tr("Pixel size x"), axisText(info.x));
    add(summary, tr("Pixel size y"), axisText(info.y));
    add(summary, tr("Frame axis"), displayKey(info.frames.name) + QStringLiteral(": ") + axisText(info.frames));
    add(summary, tr("Frame interval"),
        info.frameInterval_s ? tr("%1 s").arg(*info.frameInterval_s, 0, 'g', 6) : tr("unknown"));
    for (const std::string& note : info.notes)
        add(summary, tr("Note"), QString::fromStdString(note));
    if (info.imagesInFile.size() > 1) {
        auto* images = new QTreeWidgetItem(mTree, {tr("Images in file")});
        for (const ImageEntry& e : info.imagesInFile) {
            QString dims;
            for (std::size_t i = 0; i < e.dimensions.size(); ++i)
                dims += (i ? QStringLiteral(" × ") : QString()) + QString::number(e.dimensions[i]);
            add(images, QStringLiteral("[%1] %2").arg(e.index).arg(QString::fromStdString(kindName(e.kind))),
                dims + QLatin1Char(' ') + QString::fromStdString(e.pixelType)
                    + (e.name.empty() ? QString() : QStringLiteral(", ") + QString::fromStdString(e.name)));
        }
    }
    auto* metadata = new QTreeWidgetItem(mTree, {tr("Metadata")});
    for (const auto& [key, value] : info.metadata) {
        // Dotted keys become a tree: ImageTags.Microscope Info.Voltage
        const QStringList parts = QString::fromStdString(key).split(QLatin1Char('.'));
        QTreeWidgetItem* parent = metadata;
        for (int i = 0; i + 1 < parts.size(); ++i)
            parent = childNamed(parent, parts[i]);
        add(parent, parts.size() == 1 ? displayKey(key) : parts.last(), QString::fromStdString(value));
    }
    summary->setExpanded(true);
    metadata->setExpanded(true);
    applyFilter(mFilter->text());
}

void MetadataPanel::applyFilter(const QString& text)
{
    // An item is shown if it or any descendant matches.
    std::function<bool(QTreeWidgetItem*)> visit = [&](QTreeWidgetItem* item) {
        bool any = text.isEmpty() || item->text(0).contains(text, Qt::CaseInsensitive)
            || item->text(1).contains(text, Qt::CaseInsensitive);
        bool childMatch = false;
        for (int i = 0; i < item->childCount(); ++i)
            childMatch = visit(item->child(i)) || childMatch;
        item->setHidden(!(any || childMatch));
        if (!text.isEmpty() && childMatch)
            item->setExpanded(true);
        return any || childMatch;
    };
    for (int i = 0; i < mTree->topLevelItemCount(); ++i)
        visit(mTree->topLevelItem(i));
}

} // namespace hrtem::ui
