using Engine.Risk;

namespace Engine.Tests.Risk;

public class RiskOptionsTests
{
    [Fact]
    public void Defaults_AreValid() => Assert.Empty(new RiskOptions().Validate());

    [Theory]
    [InlineData("RISK_PCT", "0")]
    [InlineData("RISK_PCT", "NaN")]
    [InlineData("RISK_PCT", "0.5")]
    [InlineData("ATR_MULT", "-1")]
    [InlineData("MAX_DAILY_LOSS_PCT", "1.5")]
    [InlineData("MAX_DRAWDOWN_PCT", "0")]
    [InlineData("PRICE_BAND_PCT", "0")]
    [InlineData("COOLDOWN_MIN", "-1")]
    [InlineData("ORDER_REFILL_SEC", "0")]
    public void Validate_OutOfRangeNumber_NamesKeyValueAndWhatIsAllowed(string key, string value)
    {
        double v = double.Parse(value, System.Globalization.CultureInfo.InvariantCulture);
        RiskOptions options = key switch
        {
            "RISK_PCT" => new RiskOptions { RiskPct = v },
            "ATR_MULT" => new RiskOptions { AtrMult = v },
            "MAX_DAILY_LOSS_PCT" => new RiskOptions { MaxDailyLossPct = v },
            "MAX_DRAWDOWN_PCT" => new RiskOptions { MaxDrawdownPct = v },
            "PRICE_BAND_PCT" => new RiskOptions { PriceBandPct = v },
            "COOLDOWN_MIN" => new RiskOptions { CooldownMinutes = v },
            _ => new RiskOptions { OrderRefillSeconds = v },
        };

        string problem = Assert.Single(options.Validate());
        Assert.StartsWith($"{key} = {value} is not allowed:", problem);
    }

    [Fact]
    public void Validate_CountsAndAmounts_NameTheirKeys()
    {
        var options = new RiskOptions { MaxConsecutiveLosses = 0, OrderBurst = 0, MaxNotional = 0m, MaxSymbolExposure = 0.000000001m };
        IReadOnlyList<string> problems = options.Validate();
        Assert.Equal(4, problems.Count);
        Assert.Contains(problems, p => p.StartsWith("MAX_CONSECUTIVE_LOSSES = 0", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("ORDER_BURST = 0", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("MAX_NOTIONAL = 0", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("MAX_SYMBOL_EXPOSURE = 0.000000001", StringComparison.Ordinal));
    }

    [Fact]
    public void Validate_EntryOffsetNotBelowTheBand_IsAProblem()
    {
        string problem = Assert.Single(new RiskOptions { EntryLimitOffsetPct = 0.02, PriceBandPct = 0.02 }.Validate());
        Assert.Contains("ENTRY_OFFSET_PCT", problem);
    }

    [Fact]
    public void RiskGate_WithInvalidOptions_Throws()
    {
        var ex = Assert.Throws<ArgumentException>(() => new RiskGate(new RiskOptions { RiskPct = 2 }));
        Assert.Contains("RISK_PCT = 2", ex.Message);
    }
}
