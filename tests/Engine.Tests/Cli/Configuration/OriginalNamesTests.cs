using Engine.Cli.Configuration;

namespace Engine.Tests.Cli.Configuration;

/// <summary>
/// Every setting name the original scripts read (contracts §3 for DeltaScout, §4-§5 and RiskOptions for the live-trading
/// seed's risk and executor settings) binds from the environment to the engine setting of the same meaning. The
/// environment is passed in, so no test touches the process environment.
/// </summary>
public sealed class OriginalNamesTests
{
    /// <summary>Original name, a value other than the default, the engine key (written out here, not taken from the code), the bound value.</summary>
    public static TheoryData<string, string, string, string> Documented => new()
    {
        { "ROLL_WINDOW_MIN", "45", "DeltaScout:RollWindowMin", "45" },
        { "VWAP_WINDOW_MIN", "60", "DeltaScout:VwapWindowMin", "60" },
        { "POC_STEP_USD", "5", "DeltaScout:PocStepUsd", "5" },
        { "ZERO_QTY_TH", "0.5", "DeltaScout:ZeroQtyTh", "0.5" },
        { "AVG9_MAX", "2", "DeltaScout:Avg9Max", "2" },
        { "CHOP30_MAX", "3.1", "DeltaScout:Chop30Max", "3.1" },
        { "COH10_MIN", "0.4", "DeltaScout:Coh10Min", "0.4" },
        { "IMB_MIN", "0.54", "DeltaScout:ImbMin", "0.54" },
        { "IMB_MAX", "0.69", "DeltaScout:ImbMax", "0.69" },
        { "IMB_MIN_LONG", "0.6", "DeltaScout:ImbMinLong", "0.6" },
        { "IMB_MIN_SHORT", "0.58", "DeltaScout:ImbMinShort", "0.58" },
        { "VWAP_MAX_DIST_USD", "250", "DeltaScout:VwapMaxDistUsd", "250" },
        { "RISK_PCT", "0.02", "Risk:RiskPct", "0.02" },
        { "ATR_MULT", "1.5", "Risk:AtrMult", "1.5" },
        { "MAX_NOTIONAL", "5000", "Risk:MaxNotional", "5000" },
        { "MAX_DAILY_LOSS_PCT", "0.03", "Risk:MaxDailyLossPct", "0.03" },
        { "MAX_DRAWDOWN_PCT", "0.1", "Risk:MaxDrawdownPct", "0.1" },
        { "MAX_CONSECUTIVE_LOSSES", "5", "Risk:MaxConsecutiveLosses", "5" },
        { "MAX_TRADES_PER_DAY", "7", "Risk:MaxTradesPerDay", "7" },
        { "COOLDOWN_MIN", "5", "Risk:CooldownMinutes", "5" },
        { "MAX_OPEN_POSITIONS", "2", "Risk:MaxOpenPositionsPerSymbol", "2" },
        { "MAX_SYMBOL_EXPOSURE", "15000", "Risk:MaxSymbolExposure", "15000" },
        { "ORDER_BURST", "4", "Risk:OrderBurst", "4" },
        { "ORDER_REFILL_SEC", "30", "Risk:OrderRefillSeconds", "30" },
        { "PRICE_BAND_PCT", "0.03", "Risk:PriceBandPct", "0.03" },
        { "ENTRY_OFFSET_PCT", "0.001", "Risk:EntryLimitOffsetPct", "0.001" },
    };

    [Theory]
    [MemberData(nameof(Documented))]
    public void OriginalName_InTheEnvironment_BindsItsSetting(string name, string value, string key, string bound)
    {
        var (_, effective) = EngineConfigurationLoader.Load(null, [new(name, value)], []);

        ConfigEntry entry = effective.Single(e => e.Key == key);
        Assert.Equal(bound, entry.Value);
        Assert.Equal($"env {name}", entry.Origin);
    }

    [Fact]
    public void OriginalNames_BindTheTypedOptionsTheStagesRead()
    {
        var (options, _) = EngineConfigurationLoader.Load(
            null, [new("COOLDOWN_MIN", "5"), new("MAX_OPEN_POSITIONS", "2"), new("ORDER_REFILL_SEC", "30"), new("ENTRY_OFFSET_PCT", "0.001"), new("IMB_MIN_LONG", "0.6")], []);

        Assert.Equal(5.0, options.Risk.CooldownMinutes);
        Assert.Equal(2, options.Risk.MaxOpenPositionsPerSymbol);
        Assert.Equal(30.0, options.Risk.OrderRefillSeconds);
        Assert.Equal(0.001, options.Risk.EntryLimitOffsetPct);
        Assert.Equal(0.6, options.DeltaScout.EffectiveImbMinLong);
        Assert.Equal(0.55, options.DeltaScout.EffectiveImbMinShort);
    }

    [Theory]
    [InlineData("COOLDOWN_MIN", "-1", "at least 0")]
    [InlineData("MAX_OPEN_POSITIONS", "0", "a whole number from 1")]
    [InlineData("ORDER_REFILL_SEC", "0", "at least 0.001")]
    [InlineData("ENTRY_OFFSET_PCT", "0.5", "at most 0.1")]
    [InlineData("IMB_MIN", "1.5", "from 0 to 1")]
    public void OriginalName_WithAValueOutOfRange_FailsNamingTheVariableValueAndRange(string name, string value, string allowed)
    {
        var ex = Assert.Throws<ConfigurationException>(() => EngineConfigurationLoader.Load(null, [new(name, value)], []));

        string error = ex.Errors[0]; // IMB_MIN = 1.5 also lies above IMB_MAX: two more errors follow
        Assert.Contains($"env {name}", error, StringComparison.Ordinal);
        Assert.Contains(value, error, StringComparison.Ordinal);
        Assert.Contains(allowed, error, StringComparison.Ordinal);
    }

    [Fact]
    public void OriginalName_WithTextThatIsNoNumber_FailsNamingTheVariable()
    {
        var ex = Assert.Throws<ConfigurationException>(() => EngineConfigurationLoader.Load(null, [new("CHOP30_MAX", "2,6")], []));

        string error = Assert.Single(ex.Errors);
        Assert.Contains("DeltaScout:Chop30Max = '2,6' (env CHOP30_MAX)", error, StringComparison.Ordinal);
        Assert.Contains("a finite number", error, StringComparison.Ordinal);
    }

    [Fact]
    public void OriginalNames_AreCaseSensitiveLikeTheScriptsAndOtherVariablesAreIgnored()
    {
        var (options, _) = EngineConfigurationLoader.Load(null, [new("imb_min", "0.6"), new("PATH", "/usr/bin"), new("HOME", "/root")], []);

        Assert.Equal(0.55, options.DeltaScout.ImbMin);
    }
}
