using CsCheck;
using Engine.Model;
using Engine.Oms;
using Engine.Risk;
using Engine.Tests.Oms;

namespace Engine.Tests.Risk;

/// <summary>
/// The loss at the protective stop never exceeds the risk the position was sized for (contracts §5: qty = risk /
/// stop distance), from the gate's sizing through to the stop price the OMS actually sends, over random entry
/// prices, stop distances, tick sizes and lot steps. Checked exactly in 128-bit integers.
/// </summary>
public class StopRiskPropertyTests
{
    private sealed record Case(long TickE8, long StepE8, long EntryE8, double AtrFraction, long EquityWhole, double RiskPct, bool Long, bool FeeInclusive = false);

    private static readonly Gen<Case> Cases = Gen.Select(
        Gen.Int[0, 5], Gen.OneOf(1L, 2L, 5L), Gen.Int[0, 4], Gen.Long[10, 5_000_000], Gen.Double[0.0002, 0.05],
        Gen.Long[500, 2_000_000], Gen.Int[1, 500], Gen.Bool,
        (tickExp, tickMult, stepExp, entryTicks, atrFraction, equity, riskBp, isLong) =>
        {
            long tick = tickMult * Pow10(8 - tickExp); // 0.00001 .. 5
            return new Case(tick, Pow10(8 - stepExp), entryTicks * tick, atrFraction, equity, riskBp / 10_000.0, isLong);
        }).Where(c => c.EntryE8 <= 1_000_000 * FixedPoint.Scale);

    private static readonly Gen<Case> FeeInclusiveCases = Cases.Select(c => c with { FeeInclusive = true });

    private static long Pow10(int n)
    {
        long v = 1;
        for (int i = 0; i < n; i++)
        {
            v *= 10;
        }

        return v;
    }

    [Fact]
    public void LossAtTheStop_NeverExceedsTheConfiguredRisk()
    {
        int admitted = 0;
        Cases.Sample(c =>
        {
            if (Check(c))
            {
                admitted++;
            }
        }, iter: 4000, threads: 1);

        Assert.True(admitted > 1000, $"only {admitted} of 4000 random cases were admitted: the property was barely exercised");
    }

    [Fact]
    public void FeeInclusiveSizing_LossAtTheStopPlusTheEstimatedFees_NeverExceedsTheRisk()
    {
        int admitted = 0;
        FeeInclusiveCases.Sample(c =>
        {
            if (Check(c))
            {
                admitted++;
            }
        }, iter: 2000, threads: 1);

        Assert.True(admitted > 500, $"only {admitted} of 2000 random cases were admitted");
    }

    /// <summary>Returns whether the case was admitted and traded; throws when the property fails.</summary>
    private static bool Check(Case c)
    {
        Price tick = new(c.TickE8);
        Quantity step = new(c.StepE8);
        Price entry = new(c.EntryE8);
        var filters = new SymbolFilters
        {
            TickSize = tick, MinPrice = tick, MaxPrice = Price.Parse("100000000"),
            StepSize = step, MinQty = step, MaxQty = Quantity.Parse("100000000"),
            MarketStepSize = step, MarketMinQty = step, MarketMaxQty = Quantity.Parse("100000000"),
            MinNotional = Money.FromDecimal(5m),
        };
        var options = new RiskOptions
        {
            RiskPct = c.RiskPct, MaxNotional = 1_000_000_000m, MaxSymbolExposure = 1_000_000_000m, CooldownMinutes = 0,
            PriceBandPct = 0.02, FeeRate = 0.0005, FeeInclusiveSizing = c.FeeInclusive,
        };
        var gate = new RiskGate(options);
        double atr = entry.ToDouble() * c.AtrFraction;
        var inputs = new RiskInputs
        {
            TimeMs = RiskScenario.Noon, Equity = Money.FromDecimal(c.EquityWhole), EquityPeak = Money.FromDecimal(c.EquityWhole),
            LastTradePrice = entry, Atr = atr, Filters = filters,
        };
        var signal = new TradeSignal
        {
            Symbol = new SymbolId(0), Direction = c.Long ? SignalDirection.Long : SignalDirection.Short, TimeMs = RiskScenario.Noon,
            Price = entry.ToDouble(), LastTradePrice = entry, Vwap = double.NaN, Poc = double.NaN, Atr = atr,
        };
        if (gate.Check(in signal, in inputs, out OrderSizing sizing) != RiskVerdict.Admitted)
        {
            return false;
        }

        // Gate: the stop is on the tick, on the losing side of the entry, and the loss there is within the risk.
        Assert.Equal(0, sizing.StopPrice.E8 % c.TickE8);
        AssertWithinRisk(sizing.EntryPrice, sizing.StopPrice, sizing.Quantity, sizing.RiskAmount, c);

        // Fees, reported beside the risk: 0.05% of the entry's and the stop's notional, rounded up to 10^-8.
        decimal fees = 0.0005m * (sizing.EntryPrice.ToDecimal() + sizing.StopPrice.ToDecimal()) * sizing.Quantity.ToDecimal();
        Assert.InRange(sizing.EstimatedFees.ToDecimal() - fees, 0m, 0.00000001m);
        if (c.FeeInclusive)
        {
            decimal loss = Math.Abs(sizing.EntryPrice.ToDecimal() - sizing.StopPrice.ToDecimal()) * sizing.Quantity.ToDecimal();
            Assert.True(loss + fees <= sizing.RiskAmount.ToDecimal(), $"loss {loss} + fees {fees} exceed the risk {sizing.RiskAmount} ({c})");
        }

        // OMS: the stop it sends after the entry fills at the gate's entry price.
        var box = new RecordingSink.Box { All = [] };
        var venue = new VenueFilters(tick, step, step, Money.FromDecimal(5m));
        var oms = new OrderManager<RecordingSink>(new OrderManagerOptions(), [venue], new RecordingSink(box));
        var plan = new EntryPlan(new SymbolId(0), sizing.Side, sizing.Quantity, sizing.StopDistance, sizing.EntryPrice, RiskScenario.Noon,
            sizing.IsLimit ? OrderType.Limit : OrderType.Market, sizing.IsLimit ? sizing.EntryPrice : Price.Zero);
        if (oms.OnEntry(in plan) != EntryDecision.Submitted)
        {
            return false;
        }

        ClientOrderId id = box.Last.ClientId;
        oms.OnReport(new VenueReport
        {
            Kind = VenueReportKind.Filled, ClientId = id, Symbol = new SymbolId(0), Side = sizing.Side,
            LastQuantity = sizing.Quantity, CumulativeQuantity = sizing.Quantity, LastPrice = sizing.EntryPrice,
            EventTimeMs = RiskScenario.Noon + 1,
        });
        OrderRequest stop = box.All!.Single(r => r.Type == OrderType.StopMarket);
        Assert.Equal(sizing.StopPrice, stop.StopPrice);
        AssertWithinRisk(sizing.EntryPrice, stop.StopPrice, stop.Quantity, sizing.RiskAmount, c);
        return true;
    }

    private static void AssertWithinRisk(Price entry, Price stop, Quantity qty, Money risk, Case c)
    {
        long perUnit = c.Long ? entry.E8 - stop.E8 : stop.E8 - entry.E8;
        Assert.True(perUnit > 0, $"stop {stop} is not on the losing side of {entry} ({c})");
        Int128 loss = (Int128)perUnit * qty.E8; // scaled by 10^16
        Int128 allowed = (Int128)risk.E8 * FixedPoint.Scale;
        Assert.True(loss <= allowed, $"loss {perUnit} × {qty} at stop {stop} exceeds the risk {risk} ({c})");
    }
}
