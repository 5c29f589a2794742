#pragma once
// One correction by hand as an undoable command (Tiled's pattern: every user edit a
// QUndoCommand on the document's stack). It holds what the correction changed (core's
// ResultChange): undo swaps that back, redo swaps it forth, nothing is replayed.
#include "core/result/corrections.h"

#include <QCoreApplication>
#include <QString>
#include <QUndoCommand>

#include <memory>

namespace hrtem::ui {

class AnalysisDocument;

class CorrectionCommand : public QUndoCommand {
    Q_DECLARE_TR_FUNCTIONS(hrtem::ui::CorrectionCommand)
public:
    /// `correction` has been applied already, recording `change` and having `effect`: the
    /// first redo(), which QUndoStack::push calls, does nothing.
    CorrectionCommand(AnalysisDocument* document, const Correction& correction, std::unique_ptr<ResultChange> change,
                      const CorrectionEffect& effect);

    void undo() override;
    void redo() override;

    /// Words for the Edit menu and the history ("Delete column in frame 12").
    static QString text(const Correction& correction);

private:
    AnalysisDocument* mDocument;
    Correction mCorrection;
    std::unique_ptr<ResultChange> mChange;
    CorrectionEffect mEffect;
    bool mApplied = true;
};

} // namespace hrtem::ui
