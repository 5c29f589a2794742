#include "ui/document/correction_command.h"

#include "ui/document/analysis_document.h"

namespace hrtem::ui {

CorrectionCommand::CorrectionCommand(AnalysisDocument* document, const Correction& correction,
                                     std::unique_ptr<ResultChange> change, const CorrectionEffect& effect)
    : mDocument(document), mCorrection(correction), mChange(std::move(change)), mEffect(effect)
{
    setText(text(correction));
}

void CorrectionCommand::undo()
{
    mDocument->undoCorrection(*mChange, mEffect);
}

void CorrectionCommand::redo()
{
    if (mApplied) {
        mApplied = false;
        return;
    }
    mDocument->redoCorrection(mCorrection, *mChange, mEffect);
}

QString CorrectionCommand::text(const Correction& c)
{
    using Kind = Correction::Kind;
    switch (c.kind) {
    case Kind::AddAtom: return tr("Add column in frame %1").arg(c.frame);
    case Kind::MoveAtom: return tr("Move column in frame %1").arg(c.frame);
    case Kind::DeleteAtom: return tr("Delete column in frame %1").arg(c.frame);
    case Kind::MergeTracks: return tr("Merge tracks (frames %1 and %2)").arg(c.frame).arg(c.otherFrame);
    case Kind::SplitTrack: return tr("Split track at frame %1").arg(c.frame);
    case Kind::RelabelBehaviour: {
        const char* names[] = {QT_TR_NOOP("stable"), QT_TR_NOOP("hopping"), QT_TR_NOOP("adsorbed"), QT_TR_NOOP("desorbed")};
        return tr("Relabel as %1 in frame %2").arg(tr(names[int(c.behaviour)])).arg(c.frame);
    }
    }
    return {};
}

} // namespace hrtem::ui
