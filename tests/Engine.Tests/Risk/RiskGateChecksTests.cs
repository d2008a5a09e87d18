using Engine.Model;
using Engine.Risk;
using static Engine.Tests.Risk.RiskScenario;

namespace Engine.Tests.Risk;

/// <summary>Each check of contracts §5 on its own, just inside and just outside its boundary.</summary>
public class RiskGateChecksTests
{
    private static RiskVerdict Check(RiskInputs inputs, TradeSignal? signal = null, RiskOptions? options = null)
    {
        TradeSignal s = signal ?? Long;
        return Gate(options).Check(in s, in inputs, out _);
    }

    [Fact]
    public void Check_BaselineScenario_IsAdmitted()
    {
        Assert.Equal(RiskVerdict.Admitted, Check(Inputs));
        Assert.Equal(RiskVerdict.Admitted, Check(Inputs, Short));
    }

    [Fact]
    public void Check_SignalWithoutDirection_IsInvalidSignal()
    {
        TradeSignal s = Long;
        s.Direction = default;
        Assert.Equal(RiskVerdict.InvalidSignal, Check(Inputs, s));
    }

    [Fact]
    public void Check_WhenHalted_IsRejectedAsHalted()
    {
        RiskGate gate = Gate();
        gate.Apply(Command(OperatorCommandKind.Halt, Noon));
        TradeSignal s = Long;
        RiskInputs inputs = Inputs;
        Assert.Equal(RiskVerdict.Halted, gate.Check(in s, in inputs, out OrderSizing sizing));
        Assert.Equal(default, sizing.Quantity);
    }

    [Fact]
    public void Check_WhenReducing_IsRejectedAsReducing()
    {
        RiskGate gate = Gate();
        gate.Apply(Command(OperatorCommandKind.Reduce, Noon));
        TradeSignal s = Long;
        RiskInputs inputs = Inputs;
        Assert.Equal(RiskVerdict.Reducing, gate.Check(in s, in inputs, out _));
    }

    // Day started at 10,000 (equity 9,500 after realising -500): the 5% limit is 500.
    [Theory]
    [InlineData("9500", "-500", RiskVerdict.DailyLossLimit)]
    [InlineData("9500.00000001", "-499.99999999", RiskVerdict.Admitted)]
    [InlineData("9000", "250", RiskVerdict.Admitted)]
    public void Check_DailyLoss_RejectsAtTheLimit(string equity, string dailyPnl, RiskVerdict expected)
    {
        RiskInputs inputs = Inputs with { Equity = M(equity), EquityPeak = M("10000"), DailyRealisedPnl = M(dailyPnl) };
        RiskOptions options = Options with { MaxDrawdownPct = 0.5 };
        Assert.Equal(expected, Check(inputs, options: options));
    }

    // Peak 10,000 and a 15% limit: a fall of 1,500 breaches.
    [Theory]
    [InlineData("8500", RiskVerdict.MaxDrawdown)]
    [InlineData("8500.00000001", RiskVerdict.Admitted)]
    [InlineData("10000", RiskVerdict.Admitted)]
    public void Check_Drawdown_RejectsAtTheLimit(string equity, RiskVerdict expected)
    {
        // equity 8,500 risks 85: quantity 0.085 still passes every later check
        RiskInputs inputs = Inputs with { Equity = M(equity), EquityPeak = M("10000") };
        Assert.Equal(expected, Check(inputs));
    }

    [Fact]
    public void Check_PeakBelowEquity_UsesEquityAsPeak()
    {
        RiskInputs inputs = Inputs with { Equity = M("10000"), EquityPeak = M("1") };
        Assert.Equal(RiskVerdict.Admitted, Check(inputs));
    }

    [Theory]
    [InlineData(3, RiskVerdict.ConsecutiveLosses)]
    [InlineData(2, RiskVerdict.Admitted)]
    public void Check_ConsecutiveLosses_RejectsAtTheLimit(int losses, RiskVerdict expected) =>
        Assert.Equal(expected, Check(Inputs with { ConsecutiveLosses = losses }));

    [Theory]
    [InlineData(5, RiskVerdict.TradesPerDay)]
    [InlineData(4, RiskVerdict.Admitted)]
    public void Check_TradesPerDay_RejectsOnceTheLastAllowedTradeIsUsed(int trades, RiskVerdict expected) =>
        Assert.Equal(expected, Check(Inputs with { TradesToday = trades }));

    [Theory]
    [InlineData(15 * Minute, RiskVerdict.Admitted)]
    [InlineData((15 * Minute) - 1, RiskVerdict.Cooldown)]
    [InlineData(0, RiskVerdict.Cooldown)]
    public void Check_Cooldown_RejectsUntilFifteenMinutesOfEventTimeHavePassed(long sinceClose, RiskVerdict expected) =>
        Assert.Equal(expected, Check(Inputs with { LastCloseTimeMs = Noon - sinceClose }));

    [Theory]
    [InlineData(1, RiskVerdict.MaxOpenPositions)]
    [InlineData(0, RiskVerdict.Admitted)]
    public void Check_OpenPositions_RejectsAtTheLimit(int open, RiskVerdict expected) =>
        Assert.Equal(expected, Check(Inputs with { OpenPositions = open }));

    [Theory]
    [InlineData("20000", RiskVerdict.MaxExposure)]
    [InlineData("14000", RiskVerdict.Admitted)]     // headroom 6,000 = exactly the 0.1 BTC entry
    [InlineData("19999.99999999", RiskVerdict.SizeRoundsToZero)] // passes the check; the headroom caps the size to nothing
    public void Check_Exposure_RejectsAtTheLimitAndCapsTheSizeToTheHeadroom(string exposure, RiskVerdict expected) =>
        Assert.Equal(expected, Check(Inputs with { SymbolExposure = M(exposure) }));

    [Fact]
    public void Check_OrderRate_AdmitsTheBurstThenRefillsInEventTime()
    {
        RiskGate gate = Gate(); // burst 2, one token per 30 s
        TradeSignal s = Long;
        RiskVerdict At(long t)
        {
            RiskInputs inputs = Inputs with { TimeMs = t };
            return gate.Check(in s, in inputs, out _);
        }

        Assert.Equal(RiskVerdict.Admitted, At(Noon));
        Assert.Equal(RiskVerdict.Admitted, At(Noon));
        Assert.Equal(RiskVerdict.OrderRate, At(Noon));
        Assert.Equal(RiskVerdict.OrderRate, At(Noon + 29_999));
        Assert.Equal(RiskVerdict.Admitted, At(Noon + 30_000));
        Assert.Equal(RiskVerdict.OrderRate, At(Noon + 30_000));
        Assert.Equal(RiskVerdict.Admitted, At(Noon + 60_000));
    }

    /// <summary>A pause the venue asked for (a 429, EventKind.VenueThrottled) refuses entries until its end, in event time.</summary>
    [Fact]
    public void Check_VenueThrottled_RefusesEntriesUntilThePauseEnds()
    {
        RiskGate gate = Gate();
        TradeSignal s = Long;
        RiskVerdict At(long t)
        {
            RiskInputs inputs = Inputs with { TimeMs = t };
            return gate.Check(in s, in inputs, out _);
        }

        gate.OnVenueThrottled(Noon + 2_000);
        gate.OnVenueThrottled(Noon + 1_000); // a shorter pause told later does not shorten it
        Assert.Equal(RiskVerdict.VenueThrottled, At(Noon));
        Assert.Equal(RiskVerdict.VenueThrottled, At(Noon + 1_999));
        Assert.Equal(RiskVerdict.Admitted, At(Noon + 2_000));
        Assert.Equal(1, gate.Count(RiskVerdict.Admitted));
    }

    [Fact]
    public void Check_RejectedSignal_DoesNotSpendAnOrderToken()
    {
        RiskGate gate = Gate();
        TradeSignal s = Long;
        RiskInputs tooSmall = Inputs with { Equity = M("10"), EquityPeak = M("10") };
        for (int i = 0; i < 5; i++)
        {
            Assert.Equal(RiskVerdict.SizeRoundsToZero, gate.Check(in s, in tooSmall, out _));
        }

        RiskInputs inputs = Inputs;
        Assert.Equal(RiskVerdict.Admitted, gate.Check(in s, in inputs, out _));
        Assert.Equal(RiskVerdict.Admitted, gate.Check(in s, in inputs, out _));
    }

    // Last trade 60,000 and a 2% band: 58,800 to 61,200 inclusive.
    [Theory]
    [InlineData(SignalDirection.Long, 61_200.0, RiskVerdict.Admitted)]
    [InlineData(SignalDirection.Long, 61_200.01, RiskVerdict.PriceBand)]
    [InlineData(SignalDirection.Short, 58_800.0, RiskVerdict.Admitted)]
    [InlineData(SignalDirection.Short, 58_799.99, RiskVerdict.PriceBand)]
    [InlineData(SignalDirection.Long, 58_799.99, RiskVerdict.PriceBand)]
    public void Check_PriceBand_RejectsASignalPriceTooFarFromTheLastTrade(SignalDirection direction, double price, RiskVerdict expected) =>
        Assert.Equal(expected, Check(Inputs, Signal(direction, price)));

    // Last trade 60,000 but a mark price of 61,000: the band is 2% of the mark, 59,780 to 62,220 inclusive.
    [Theory]
    [InlineData(SignalDirection.Long, 62_220.0, RiskVerdict.Admitted)]
    [InlineData(SignalDirection.Long, 62_220.01, RiskVerdict.PriceBand)]
    [InlineData(SignalDirection.Long, 61_500.0, RiskVerdict.Admitted)]     // outside the last trade's band (61,200), inside the mark's
    [InlineData(SignalDirection.Short, 59_780.0, RiskVerdict.Admitted)]
    [InlineData(SignalDirection.Short, 59_779.99, RiskVerdict.PriceBand)]
    [InlineData(SignalDirection.Short, 58_800.0, RiskVerdict.PriceBand)]   // inside the last trade's band, outside the mark's
    public void Check_PriceBand_IsAgainstTheMarkPriceOnceOneIsKnown(SignalDirection direction, double price, RiskVerdict expected) =>
        Assert.Equal(expected, Check(Inputs with { MarkPrice = P("61000") }, Signal(direction, price)));

    [Theory]
    [InlineData(double.NaN, "60000")]
    [InlineData(0.0, "60000")]
    [InlineData(double.PositiveInfinity, "60000")]
    [InlineData(60_000.0, "0")]
    public void Check_WithoutAUsablePriceOrLastTrade_IsNoReferencePrice(double signalPrice, string last) =>
        Assert.Equal(RiskVerdict.NoReferencePrice, Check(Inputs with { LastTradePrice = P(last) }, Signal(SignalDirection.Long, signalPrice)));

    [Fact]
    public void Check_UnknownSymbolFilters_IsUnknownFilters() =>
        Assert.Equal(RiskVerdict.UnknownFilters, Check(Inputs with { Filters = default }));

    [Theory]
    [InlineData(double.NaN)]
    [InlineData(0.0)]
    [InlineData(-5.0)]
    [InlineData(double.PositiveInfinity)]
    public void Check_AtrNotUsableAndNoSwingStop_IsNoStopDistance(double atr) =>
        Assert.Equal(RiskVerdict.NoStopDistance, Check(Inputs with { Atr = atr }));

    [Fact]
    public void Check_StopDistanceBelowOneTick_IsStopTooClose()
    {
        // ATR 0.01 × 2 = 0.02: the stop 59,999.98 rounds towards the entry, onto 60,000.0 itself
        Assert.Equal(RiskVerdict.StopTooClose, Check(Inputs with { Atr = 0.01 }));
        Assert.Equal(RiskVerdict.StopTooClose, Check(Inputs with { Atr = 0.01 }, Short));
    }

    [Fact]
    public void Check_StopBelowTheMinimumPrice_IsStopOutOfRange()
    {
        SymbolFilters filters = Filters with { MinPrice = P("59000.1") };
        Assert.Equal(RiskVerdict.StopOutOfRange, Check(Inputs with { Filters = filters }));
        Assert.Equal(RiskVerdict.Admitted, Check(Inputs with { Filters = Filters with { MinPrice = P("59000") } }));
    }

    [Fact]
    public void Check_LimitAboveTheMaximumPrice_IsPriceOutOfRange()
    {
        RiskOptions options = Options with { EntryLimitOffsetPct = 0.001 }; // long limit 60,060
        Assert.Equal(RiskVerdict.PriceOutOfRange, Check(Inputs with { Filters = Filters with { MaxPrice = P("60059.9") } }, options: options));
        Assert.Equal(RiskVerdict.Admitted, Check(Inputs with { Filters = Filters with { MaxPrice = P("60060") } }, options: options));
    }

    // PERCENT_PRICE against the last trade 60,000: the long limit 60,060 needs multiplierUp ≥ 1.001.
    [Theory]
    [InlineData(100_100_000, RiskVerdict.Admitted)]
    [InlineData(100_099_999, RiskVerdict.PercentPrice)]
    public void Check_LimitOutsidePercentPrice_IsPercentPrice(long multiplierUpE8, RiskVerdict expected)
    {
        RiskOptions options = Options with { EntryLimitOffsetPct = 0.001 };
        RiskInputs inputs = Inputs with { Filters = Filters with { MultiplierUpE8 = multiplierUpE8 } };
        Assert.Equal(expected, Check(inputs, options: options));
    }

    [Fact]
    public void Check_ShortLimitBelowPercentPriceDown_IsPercentPrice()
    {
        RiskOptions options = Options with { EntryLimitOffsetPct = 0.001 }; // short limit 59,940 = 0.999 × last
        Assert.Equal(RiskVerdict.Admitted, Check(Inputs with { Filters = Filters with { MultiplierDownE8 = 99_900_000 } }, Short, options));
        Assert.Equal(RiskVerdict.PercentPrice, Check(Inputs with { Filters = Filters with { MultiplierDownE8 = 99_900_001 } }, Short, options));
    }

    // 0.1 BTC at 60,000 = 6,000 notional.
    [Theory]
    [InlineData("6000", RiskVerdict.Admitted)]
    [InlineData("6000.00000001", RiskVerdict.BelowMinNotional)]
    public void Check_MinNotional_RejectsJustBelow(string minNotional, RiskVerdict expected) =>
        Assert.Equal(expected, Check(Inputs with { Filters = Filters with { MinNotional = M(minNotional) } }));

    [Theory]
    [InlineData("0.1", RiskVerdict.Admitted)]
    [InlineData("0.101", RiskVerdict.BelowMinQty)]
    public void Check_MinQty_RejectsJustBelow(string minQty, RiskVerdict expected) =>
        Assert.Equal(expected, Check(Inputs with { Filters = Filters with { MarketMinQty = Q(minQty) } }));

    [Fact]
    public void Check_SizeThatFloorsToZero_IsRejectedNotAnOrder()
    {
        // equity 10 risks 0.1; 0.1 / 1,000 = 0.0001 BTC, below one 0.001 lot
        RiskGate gate = Gate();
        TradeSignal s = Long;
        RiskInputs inputs = Inputs with { Equity = M("10"), EquityPeak = M("10") };
        Assert.Equal(RiskVerdict.SizeRoundsToZero, gate.Check(in s, in inputs, out OrderSizing sizing));
        Assert.True(sizing.Quantity.IsZero);
        Assert.Equal(1, gate.Count(RiskVerdict.SizeRoundsToZero));
        Assert.Equal(0, gate.AdmittedToday);
    }

    [Fact]
    public void DailyCounters_RollAtUtcMidnight_AndNotWhenTimeStepsBack()
    {
        RiskGate gate = Gate();
        TradeSignal s = Long;
        RiskInputs lastMillisecond = Inputs with { TimeMs = NextMidnight - 1 };
        Assert.Equal(RiskVerdict.Admitted, gate.Check(in s, in lastMillisecond, out _));
        Assert.Equal(1, gate.AdmittedToday);

        gate.AdvanceTo(NextMidnight - 1);
        Assert.Equal(1, gate.AdmittedToday); // still the same UTC day

        gate.AdvanceTo(NextMidnight);
        Assert.Equal(0, gate.AdmittedToday); // 00:00:00.000 is the next day

        RiskInputs afterMidnight = Inputs with { TimeMs = NextMidnight + Minute };
        Assert.Equal(RiskVerdict.Admitted, gate.Check(in s, in afterMidnight, out _));
        gate.AdvanceTo(NextMidnight - 1); // a late event from yesterday does not reopen or reset the day
        Assert.Equal(1, gate.AdmittedToday);
    }
}
