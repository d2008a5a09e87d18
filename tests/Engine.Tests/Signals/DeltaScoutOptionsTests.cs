using Engine.Signals;

namespace Engine.Tests.Signals;

public class DeltaScoutOptionsTests
{
    [Fact]
    public void Defaults_AreTheContractsAndValid()
    {
        var o = new DeltaScoutOptions();
        Assert.Equal((180, 180, 10.0, 0.24, 1.0), (o.RollWindowMin, o.VwapWindowMin, o.PocStepUsd, o.ZeroQtyTh, o.Avg9Max));
        Assert.Equal((2.6, 0.30, 0.55, 0.65, 1000.0), (o.Chop30Max, o.Coh10Min, o.ImbMin, o.ImbMax, o.VwapMaxDistUsd));
        Assert.Equal((0.55, 0.55), (o.EffectiveImbMinLong, o.EffectiveImbMinShort));
        Assert.Empty(o.Validate());
    }

    [Fact]
    public void Validate_NamesEveryBadKeyWithValueAndRule()
    {
        var o = new DeltaScoutOptions
        {
            RollWindowMin = 0,
            VwapWindowMin = -3,
            PocStepUsd = double.NaN,
            Chop30Max = -1,
            ImbMin = 0.7,
            ImbMax = 0.6,
            ImbMinShort = 1.5,
        };
        IReadOnlyList<string> errors = o.Validate();
        Assert.Contains(errors, e => e.StartsWith("ROLL_WINDOW_MIN=0:", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("VWAP_WINDOW_MIN=-3:", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("POC_STEP_USD=NaN:", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("CHOP30_MAX=-1:", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("IMB_MIN_SHORT=1.5:", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Contains("IMB_MIN_LONG/IMB_MIN=0.7", StringComparison.Ordinal));
        Assert.Throws<ArgumentException>(() => new DeltaScoutDetector(o));
    }

    [Fact]
    public void Validate_AcceptsAnInstallationsWiderBand() =>
        Assert.Empty(new DeltaScoutOptions { ImbMin = 0.54, ImbMax = 0.69 }.Validate());
}
