#pragma once
#include <QWidget>

class QLineEdit;
class QTreeWidget;

namespace hrtem::ui {

class StackDocument;

/// Everything the file says about itself: the summary (format, size, calibration, frame
/// interval, notes) and the full metadata tree, filterable.
class MetadataPanel : public QWidget {
    Q_OBJECT
public:
    explicit MetadataPanel(StackDocument* document, QWidget* parent = nullptr);
    QTreeWidget* tree() const { return mTree; }

protected:
    void changeEvent(QEvent* event) override;

private:
    void retranslate();
    void rebuild();
    void applyFilter(const QString& text);

    StackDocument* mDocument;
    QLineEdit* mFilter;
    QTreeWidget* mTree;
};

} // namespace hrtem::ui
