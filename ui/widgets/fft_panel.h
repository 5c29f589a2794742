#pragma once
#include <QWidget>

class QLabel;
class QPushButton;

namespace hrtem::ui {

class FrameView;
class StackDocument;

/// The live FFT (Hann window, log magnitude, centred) of the frame or of the region drawn on
/// it, with a reciprocal-space scale bar and a readout of |g| and the lattice spacing d = 1/|g|.
class FftPanel : public QWidget {
    Q_OBJECT
public:
    explicit FftPanel(StackDocument* document, QWidget* parent = nullptr);
    FrameView* view() const { return mView; }

protected:
    void changeEvent(QEvent* event) override;

private:
    void retranslate();
    void updateFft();
    void showReadout(QPointF fftPos);

    StackDocument* mDocument;
    FrameView* mView;
    QLabel* mRegionLabel;
    QLabel* mReadout;
    QPushButton* mWholeFrame;
};

} // namespace hrtem::ui
