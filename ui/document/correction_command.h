#pragma once
// One correction by hand as an undoable command (Tiled's pattern: every user edit a
// QUndoCommand on the document's stack). The work is the document's, through core.
#include "core/pipeline/corrections.h"

#include <QCoreApplication>
#include <QString>
#include <QUndoCommand>

namespace hrtem::ui {

class AnalysisDocument;

class CorrectionCommand : public QUndoCommand {
    Q_DECLARE_TR_FUNCTIONS(hrtem::ui::CorrectionCommand)
public:
    /// `correction` has been applied already: the first redo(), which QUndoStack::push
    /// calls, does nothing.
    CorrectionCommand(AnalysisDocument* document, const Correction& correction);

    void undo() override;
    void redo() override;

    /// Words for the Edit menu and the history ("Delete column in frame 12").
    static QString text(const Correction& correction);

private:
    AnalysisDocument* mDocument;
    Correction mCorrection;
    bool mApplied = true;
};

} // namespace hrtem::ui
