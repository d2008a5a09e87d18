using Engine.Model;
using Engine.Risk;
using static Engine.Tests.Risk.RiskScenario;

namespace Engine.Tests.Risk;

/// <summary>Sizing and rounding at the edges, through the gate, against values computed by hand in each test.</summary>
public class PositionSizerTests
{
    private static OrderSizing Admit(RiskInputs inputs, TradeSignal? signal = null, RiskOptions? options = null)
    {
        TradeSignal s = signal ?? Long;
        RiskVerdict verdict = Gate(options).Check(in s, in inputs, out OrderSizing sizing);
        Assert.Equal(RiskVerdict.Admitted, verdict);
        return sizing;
    }

    [Fact]
    public void Size_ExactLotMultiple_IsKeptWhole()
    {
        // risk 10,000 × 1% = 100; distance 500 × 2 = 1,000; 100 / 1,000 = 0.1 exactly (not floored to 0.099)
        OrderSizing s = Admit(Inputs);
        Assert.Equal(Side.Buy, s.Side);
        Assert.False(s.IsLimit);
        Assert.Equal(Q("0.1"), s.Quantity);
        Assert.Equal(P("60000"), s.EntryPrice);
        Assert.Equal(P("59000"), s.StopPrice);
        Assert.Equal(P("1000"), s.StopDistance);
        Assert.Equal(M("100"), s.RiskAmount);
        Assert.Equal(M("6000"), s.Notional);
    }

    [Fact]
    public void Size_ShortSignal_SellsWithTheStopAbove()
    {
        OrderSizing s = Admit(Inputs, Short);
        Assert.Equal(Side.Sell, s.Side);
        Assert.Equal(Q("0.1"), s.Quantity);
        Assert.Equal(P("61000"), s.StopPrice);
    }

    [Fact]
    public void Size_QuantityBetweenLots_IsFlooredToTheLotStep()
    {
        // distance 500.03 × 2 = 1,000.06; 100 / 1,000.06 = 0.09999400... → 0.099 (never rounded up to 0.1)
        OrderSizing s = Admit(Inputs with { Atr = 500.03 });
        Assert.Equal(Q("0.099"), s.Quantity);
        Assert.Equal(P("1000.06"), s.StopDistance);
    }

    [Fact]
    public void Size_StopOffTheTick_IsRoundedTowardsTheEntry()
    {
        // long: 60,000 − 1,000.06 = 58,999.94 → up to 59,000.0; short: 61,000.06 → down to 61,000.0.
        // The stop gets closer, so the loss at the stop (0.099 × ≤1,000.06) stays under the 100 risked.
        Assert.Equal(P("59000"), Admit(Inputs with { Atr = 500.03 }).StopPrice);
        Assert.Equal(P("61000"), Admit(Inputs with { Atr = 500.03 }, Short).StopPrice);
    }

    [Fact]
    public void Size_NoAtr_UsesTheSwingStop()
    {
        // swing low 59,600 under the entry 60,000: distance 400 → 100 / 400 = 0.25 BTC, notional 15,000 > max 10,000
        // → 10,000 / 60,000 = 0.1666.. → 0.166
        OrderSizing s = Admit(Inputs with { SwingLow = P("59600"), SwingHigh = P("60500"), Atr = double.NaN });
        Assert.Equal(StopRule.Swing, s.StopRule);
        Assert.Equal(P("400"), s.StopDistance);
        Assert.Equal(P("59600"), s.StopPrice);
        Assert.Equal(Q("0.166"), s.Quantity);
        Assert.Equal(M("9960"), s.Notional);
    }

    [Fact]
    public void Size_ShortWithoutAtr_UsesTheSwingHigh()
    {
        OrderSizing s = Admit(Inputs with { SwingLow = P("59600"), SwingHigh = P("60500"), Atr = double.NaN }, Short);
        Assert.Equal(StopRule.Swing, s.StopRule);
        Assert.Equal(P("500"), s.StopDistance);
        Assert.Equal(P("60500"), s.StopPrice);
    }

    [Fact]
    public void Size_AtrAndSwingBothKnown_UsesTheConfiguredRuleFirst()
    {
        RiskInputs inputs = Inputs with { SwingLow = P("59600") }; // ATR 500 × 2 = 1,000; swing 400
        Assert.Equal((StopRule.Atr, P("1000")), (Admit(inputs).StopRule, Admit(inputs).StopDistance));
        OrderSizing swing = Admit(inputs, options: Options with { StopRule = StopRule.Swing });
        Assert.Equal((StopRule.Swing, P("400")), (swing.StopRule, swing.StopDistance));
    }

    [Fact]
    public void Size_SwingOnTheWrongSideOfTheEntry_FallsBackToTheFixedPercent()
    {
        // swing low 60,100 is above the entry 60,000: no swing stop; no ATR; 60,000 × 0.5% = 300
        RiskInputs inputs = Inputs with { SwingLow = P("60100"), Atr = double.NaN };
        Assert.Equal(RiskVerdict.NoStopDistance, Gate().Check(Long, in inputs, out _));
        OrderSizing s = Admit(inputs, options: Options with { StopFallbackPct = 0.005 });
        Assert.Equal(StopRule.FixedPercent, s.StopRule);
        Assert.Equal(P("300"), s.StopDistance);
        Assert.Equal(P("59700"), s.StopPrice);
    }

    [Fact]
    public void Size_AboveMaxNotional_IsCappedThenFloored()
    {
        // distance 100 → 1 BTC = 60,000 notional; cap 10,000 / 60,000 → 0.166
        OrderSizing s = Admit(Inputs with { Atr = 50 });
        Assert.Equal(Q("0.166"), s.Quantity);
        Assert.True(s.Notional <= M("10000"));
    }

    [Fact]
    public void Size_MaxNotionalDividesExactly_IsNotFlooredFurther()
    {
        // cap 6,000 / 60,000 = 0.1 exactly
        OrderSizing s = Admit(Inputs with { Atr = 50 }, options: Options with { MaxNotional = 6_000m });
        Assert.Equal(Q("0.1"), s.Quantity);
        Assert.Equal(M("6000"), s.Notional);
    }

    [Fact]
    public void Size_AboveTheVenueMaxQty_IsCappedToIt()
    {
        SymbolFilters filters = Filters with { MarketMaxQty = Q("0.05") };
        Assert.Equal(Q("0.05"), Admit(Inputs with { Filters = filters }).Quantity);
    }

    [Fact]
    public void Size_MarketAndLimitEntries_UseTheirOwnLotFilters()
    {
        // swing 400 → capped to 0.1666..: market lot 0.001 → 0.166, limit lot 0.01 → 0.16
        SymbolFilters filters = Filters with { StepSize = Q("0.01"), MinQty = Q("0.01") };
        RiskInputs inputs = Inputs with { SwingLow = P("59600"), Atr = double.NaN, Filters = filters };
        Assert.Equal(Q("0.166"), Admit(inputs).Quantity);

        // limit 60,060 (swing 460): 10,000 / 60,060 = 0.16650... → 0.16 on the 0.01 lot
        OrderSizing limit = Admit(inputs, options: Options with { EntryLimitOffsetPct = 0.001 });
        Assert.True(limit.IsLimit);
        Assert.Equal(Q("0.16"), limit.Quantity);
    }

    [Fact]
    public void Size_LimitEntry_IsRoundedToTheTickInTheSafeDirection()
    {
        // 60,000.55 × 1.001 = 60,060.55055 → a long never pays more: 60,060.5;
        // 60,000.55 × 0.999 = 59,940.54945 → a short never sells for less: 59,940.6
        RiskOptions options = Options with { EntryLimitOffsetPct = 0.001 };
        OrderSizing buy = Admit(Inputs, Signal(SignalDirection.Long, 60_000.55), options);
        OrderSizing sell = Admit(Inputs, Signal(SignalDirection.Short, 60_000.55), options);
        Assert.Equal(P("60060.5"), buy.EntryPrice);
        Assert.Equal(P("59940.6"), sell.EntryPrice);
        Assert.Equal(P("59060.5"), buy.StopPrice);   // 60,060.5 − 1,000 is on the tick already
        Assert.Equal(P("60940.6"), sell.StopPrice);
    }

    [Fact]
    public void Size_MinNotionalBoundary_IsInclusive()
    {
        // equity 5,000: risk 50, 0.05 BTC × 60,000 = 3,000 exactly the minimum
        RiskInputs inputs = Inputs with { Equity = M("5000"), EquityPeak = M("5000"), Filters = Filters with { MinNotional = M("3000") } };
        OrderSizing s = Admit(inputs);
        Assert.Equal(Q("0.05"), s.Quantity);
        Assert.Equal(M("3000"), s.Notional);
    }

    [Fact]
    public void Size_ResultIsAlwaysOnTheTickAndTheLot()
    {
        SymbolFilters f = Filters;
        for (double atr = 37.3; atr < 3000; atr *= 1.37)
        {
            TradeSignal s = Signal(SignalDirection.Short, 60_000.37);
            RiskGate gate = Gate(Options with { EntryLimitOffsetPct = 0.0007 });
            RiskInputs inputs = Inputs with { Atr = atr };
            Assert.Equal(RiskVerdict.Admitted, gate.Check(in s, in inputs, out OrderSizing sizing));
            Assert.Equal(0, sizing.EntryPrice.E8 % f.TickSize.E8);
            Assert.Equal(0, sizing.StopPrice.E8 % f.TickSize.E8);
            Assert.Equal(0, sizing.Quantity.E8 % f.StepSize.E8);

            // the loss at the stop never exceeds the risk amount (naive decimal recomputation)
            decimal loss = (sizing.StopPrice.ToDecimal() - sizing.EntryPrice.ToDecimal()) * sizing.Quantity.ToDecimal();
            Assert.True(loss <= sizing.RiskAmount.ToDecimal(), $"atr {atr}: loss {loss} > risk {sizing.RiskAmount}");
        }
    }
}
