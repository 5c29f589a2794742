#pragma once
// The editor of one analysis setting, made from its description (core/result/
// setting_descriptions.h): a spin box, check box, combo box, text field with a Browse button,
// or the structure's model and lattice constant, with the description's range, unit, special
// value and tooltip. The analysis panel is a column of these, grouped by stage.
#include "core/result/setting_descriptions.h"

#include <QWidget>

class QDoubleSpinBox;
class QPushButton;

namespace hrtem::ui {

class SettingEditor : public QWidget {
    Q_OBJECT
public:
    SettingEditor(const SettingDescription& description, QWidget* parent = nullptr);

    const SettingDescription& description() const { return mDescription; }
    /// The value shown, as the settings JSON holds it.
    nlohmann::json value() const;
    /// Shows `value`, clamped to the editor's range; emits nothing.
    void setValue(const nlohmann::json& value);
    /// Integer editors: a new range (the frame editors follow the open stack).
    void setRange(double minimum, double maximum);
    /// The field a label points at (the spin box, not the row around it).
    QWidget* field() const { return mField; }
    /// Labels, tooltips, choices and units in the current language.
    void retranslate();

    /// The description's English text in the current language (context hrtem::ui::AnalysisPanel,
    /// where translations/*.ts hold it).
    static QString translated(const std::string& text);

Q_SIGNALS:
    void edited();

private:
    const SettingDescription& mDescription;
    QWidget* mField = nullptr;           ///< the main editor
    QDoubleSpinBox* mConstant = nullptr; ///< Structure: the lattice constant a
    QPushButton* mBrowse = nullptr;      ///< Path: choose a file
    double mKeptC = 0.0; ///< Structure: a hexagonal c the editor does not show, kept while the model stays
    std::string mKeptName;
};

} // namespace hrtem::ui
