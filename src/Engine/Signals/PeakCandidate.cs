using Engine.Model;

namespace Engine.Signals;

/// <summary>The shared <c>prev</c> slot of §3 step 4: the last evaluated candidate of either kind.</summary>
internal struct PeakCandidate
{
    public bool Present;
    public SignalDirection Kind;
    public double Price;
    public double Vol; // the original's double buy + sell
    public bool VwapKnown;
    public long Vwap;
}
