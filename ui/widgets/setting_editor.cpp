#include "ui/widgets/setting_editor.h"

#include "core/relate/crystal_models.h"

#include <QCheckBox>
#include <QComboBox>
#include <QCoreApplication>
#include <QDoubleSpinBox>
#include <QFileDialog>
#include <QHBoxLayout>
#include <QVBoxLayout>
#include <QLineEdit>
#include <QPushButton>
#include <QSignalBlocker>
#include <QSpinBox>

namespace hrtem::ui {

namespace {

using Type = SettingDescription::Type;

/// "localization.period_px" -> "periodPx": object names for tests and style sheets.
QString objectNameOf(const std::string& key)
{
    const std::string last = key.substr(key.rfind('.') == std::string::npos ? 0 : key.rfind('.') + 1);
    QString name;
    bool upper = false;
    for (char c : last) {
        if (c == '_') {
            upper = true;
            continue;
        }
        name += upper ? QChar(c).toUpper() : QChar(c);
        upper = false;
    }
    return name;
}

const char* const kContext = "hrtem::ui::AnalysisPanel";

} // namespace

QString SettingEditor::translated(const std::string& text)
{
    return text.empty() ? QString() : QCoreApplication::translate(kContext, text.c_str());
}

SettingEditor::SettingEditor(const SettingDescription& d, QWidget* parent) : QWidget(parent), mDescription(d)
{
    // The structure's lattice constant goes under its model, so the panel stays narrow.
    QBoxLayout* layout = d.type == Type::Structure ? static_cast<QBoxLayout*>(new QVBoxLayout(this)) : new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    auto changed = [this] { Q_EMIT edited(); };
    switch (d.type) {
    case Type::Integer: {
        auto* box = new QSpinBox(this);
        box->setRange(int(d.minimum), int(d.maximum));
        box->setSingleStep(int(d.step));
        connect(box, &QSpinBox::valueChanged, this, changed);
        mField = box;
        break;
    }
    case Type::Real: {
        auto* box = new QDoubleSpinBox(this);
        box->setDecimals(d.decimals);
        box->setRange(d.minimum, d.maximum);
        box->setSingleStep(d.step);
        connect(box, &QDoubleSpinBox::valueChanged, this, changed);
        mField = box;
        break;
    }
    case Type::Flag: {
        auto* box = new QCheckBox(this);
        connect(box, &QCheckBox::toggled, this, changed);
        mField = box;
        break;
    }
    case Type::Choice:
    case Type::Structure: {
        auto* box = new QComboBox(this);
        // Long labels are elided rather than widening the panel.
        box->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
        box->setMinimumContentsLength(8);
        for (const SettingDescription::Choice& c : d.choices)
            box->addItem(QString(), QString::fromStdString(c.value));
        connect(box, &QComboBox::currentIndexChanged, this, changed);
        mField = box;
        break;
    }
    case Type::Text:
    case Type::Path: {
        auto* edit = new QLineEdit(this);
        edit->setClearButtonEnabled(true);
        connect(edit, &QLineEdit::textChanged, this, changed);
        mField = edit;
        break;
    }
    }
    mField->setObjectName(objectNameOf(d.key));
    layout->addWidget(mField, 1);
    if (d.type == Type::Path) {
        mBrowse = new QPushButton(this);
        mBrowse->setObjectName(mField->objectName() + QStringLiteral("Browse"));
        layout->addWidget(mBrowse);
        connect(mBrowse, &QPushButton::clicked, this, [this] {
            auto* edit = static_cast<QLineEdit*>(mField);
            const QString filter = translated(mDescription.fileFilter);
            const QString file = QFileDialog::getOpenFileName(
                this, translated(mDescription.title), edit->text(),
                (filter.isEmpty() ? QString() : filter + QStringLiteral(";;")) + QCoreApplication::translate(kContext, "All files (*)"));
            if (!file.isEmpty())
                edit->setText(file);
        });
    }
    if (d.type == Type::Structure) {
        // The model's lattice constant a, shown apart from the name (0: from the data).
        mConstant = new QDoubleSpinBox(this);
        mConstant->setObjectName(QStringLiteral("latticeConstant"));
        mConstant->setRange(0.0, 10.0);
        mConstant->setDecimals(4);
        mConstant->setSingleStep(0.001);
        layout->addWidget(mConstant);
        connect(mConstant, &QDoubleSpinBox::valueChanged, this, changed);
        auto* box = static_cast<QComboBox*>(mField);
        connect(box, &QComboBox::currentIndexChanged, this, [this, box] { mConstant->setEnabled(box->currentData().toString() != QLatin1String("auto")); });
    }
    retranslate();
}

nlohmann::json SettingEditor::value() const
{
    switch (mDescription.type) {
    case Type::Integer: return static_cast<QSpinBox*>(mField)->value();
    case Type::Real: return static_cast<QDoubleSpinBox*>(mField)->value();
    case Type::Flag: return static_cast<QCheckBox*>(mField)->isChecked();
    case Type::Choice: return static_cast<QComboBox*>(mField)->currentData().toString().toStdString();
    case Type::Text:
    case Type::Path: return static_cast<QLineEdit*>(mField)->text().toStdString();
    case Type::Structure: {
        StructureChoice structure;
        structure.name = static_cast<QComboBox*>(mField)->currentData().toString().toStdString();
        if (structure.name != "auto") {
            structure.a_nm = mConstant->value();
            structure.c_nm = structure.name == mKeptName ? mKeptC : 0.0;
        }
        return structureText(structure);
    }
    }
    return {};
}

void SettingEditor::setValue(const nlohmann::json& v)
{
    const QSignalBlocker blockField(mField);
    switch (mDescription.type) {
    case Type::Integer: static_cast<QSpinBox*>(mField)->setValue(v.get<int>()); break;
    case Type::Real: static_cast<QDoubleSpinBox*>(mField)->setValue(v.get<double>()); break;
    case Type::Flag: static_cast<QCheckBox*>(mField)->setChecked(v.get<bool>()); break;
    case Type::Choice: {
        auto* box = static_cast<QComboBox*>(mField);
        box->setCurrentIndex(std::max(0, box->findData(QString::fromStdString(v.get<std::string>()))));
        break;
    }
    case Type::Text:
    case Type::Path: static_cast<QLineEdit*>(mField)->setText(QString::fromStdString(v.get<std::string>())); break;
    case Type::Structure: {
        StructureChoice structure;
        try {
            structure = parseStructure(v.get<std::string>());
        } catch (const std::invalid_argument&) {
            // The settings reader checks it; a hand-built value shows as automatic.
        }
        mKeptName = structure.name;
        mKeptC = structure.c_nm;
        auto* box = static_cast<QComboBox*>(mField);
        box->setCurrentIndex(std::max(0, box->findData(QString::fromStdString(structure.name))));
        const QSignalBlocker blockConstant(mConstant);
        mConstant->setValue(structure.a_nm);
        mConstant->setEnabled(structure.name != "auto");
        break;
    }
    }
}

void SettingEditor::setRange(double minimum, double maximum)
{
    const QSignalBlocker block(mField);
    if (auto* box = qobject_cast<QSpinBox*>(mField))
        box->setRange(int(minimum), int(maximum));
    else if (auto* real = qobject_cast<QDoubleSpinBox*>(mField))
        real->setRange(minimum, maximum);
}

void SettingEditor::retranslate()
{
    const SettingDescription& d = mDescription;
    mField->setToolTip(translated(d.help));
    const QString suffix = d.unit.empty() ? QString() : translated(" " + d.unit);
    if (auto* box = qobject_cast<QSpinBox*>(mField)) {
        box->setSuffix(suffix);
        box->setSpecialValueText(translated(d.specialValueText));
    } else if (auto* real = qobject_cast<QDoubleSpinBox*>(mField)) {
        real->setSuffix(suffix);
        real->setSpecialValueText(translated(d.specialValueText));
    } else if (auto* check = qobject_cast<QCheckBox*>(mField)) {
        check->setText(QCoreApplication::translate(kContext, "On"));
    } else if (auto* combo = qobject_cast<QComboBox*>(mField)) {
        for (int i = 0; i < combo->count() && i < int(d.choices.size()); ++i)
            combo->setItemText(i, translated(d.choices[std::size_t(i)].label));
    } else if (auto* edit = qobject_cast<QLineEdit*>(mField)) {
        edit->setPlaceholderText(translated(d.emptyMeaning)); // shown greyed while the field is empty
    }
    if (mBrowse) {
        mBrowse->setText(QCoreApplication::translate(kContext, "Browse…"));
        mBrowse->setToolTip(QCoreApplication::translate(kContext, "Choose a file"));
    }
    if (mConstant) {
        mConstant->setSuffix(QCoreApplication::translate(kContext, " nm"));
        mConstant->setSpecialValueText(QCoreApplication::translate(kContext, "from the data"));
        mConstant->setToolTip(QCoreApplication::translate(kContext, "The model's lattice constant a; when given, a measured "
                                                                    "cell more than 5% away from it does not fit. 0 takes a "
                                                                    "from the data"));
    }
}

} // namespace hrtem::ui
