using Engine.Model;
using Engine.Risk;
using static Engine.Tests.Risk.RiskScenario;

namespace Engine.Tests.Risk;

/// <summary>
/// A signal failing several checks is rejected with the first in contract order (§5): state → daily loss →
/// drawdown → consecutive losses → trades per day → cooldown → positions / exposure → order rate → price band →
/// venue filters. Each row injects several failures; the expected reason is written by hand.
/// </summary>
public class RiskGateOrderTests
{
    [Theory]
    [InlineData("Halted,DailyLoss,Drawdown,Losses,Trades,Cooldown,Positions,Exposure,Rate,Band,Filters", RiskVerdict.Halted)]
    [InlineData("Reducing,DailyLoss,Cooldown,Band", RiskVerdict.Reducing)]
    [InlineData("DailyLoss,Drawdown,Losses,Trades,Cooldown,Positions,Exposure,Rate,Band,Filters", RiskVerdict.DailyLossLimit)]
    [InlineData("Drawdown,Losses,Trades,Cooldown,Positions,Exposure,Rate,Band,Filters", RiskVerdict.MaxDrawdown)]
    [InlineData("Losses,Trades,Cooldown,Positions,Exposure,Rate,Band,Filters", RiskVerdict.ConsecutiveLosses)]
    [InlineData("Trades,Cooldown,Positions,Exposure,Rate,Band,Filters", RiskVerdict.TradesPerDay)]
    [InlineData("Cooldown,Positions,Exposure,Rate,Band,Filters", RiskVerdict.Cooldown)]
    [InlineData("Positions,Exposure,Rate,Band,Filters", RiskVerdict.MaxOpenPositions)]
    [InlineData("Exposure,Rate,Band,Filters", RiskVerdict.MaxExposure)]
    [InlineData("Rate,Band,Filters", RiskVerdict.OrderRate)]
    [InlineData("Band,Filters", RiskVerdict.PriceBand)]
    [InlineData("Filters,MinNotional", RiskVerdict.UnknownFilters)]
    [InlineData("NoStop,MinNotional", RiskVerdict.NoStopDistance)]
    [InlineData("TooSmall,MinNotional", RiskVerdict.SizeRoundsToZero)]
    [InlineData("MinQty,MinNotional", RiskVerdict.BelowMinQty)]
    [InlineData("Band,Rate", RiskVerdict.OrderRate)]
    [InlineData("Filters,Cooldown", RiskVerdict.Cooldown)]
    [InlineData("Trades,Drawdown", RiskVerdict.MaxDrawdown)]
    [InlineData("Exposure,DailyLoss", RiskVerdict.DailyLossLimit)]
    public void Check_SeveralFailures_RejectsWithTheFirstInContractOrder(string failures, RiskVerdict expected)
    {
        RiskGate gate = Gate();
        RiskInputs inputs = Inputs;
        TradeSignal signal = Long;
        string[] names = failures.Split(',');
        if (names.Contains("Rate"))
        {
            Inject("Rate", gate, ref inputs, ref signal); // spends tokens with clean inputs, so before anything else
        }

        foreach (string failure in names.Where(n => n != "Rate"))
        {
            Inject(failure, gate, ref inputs, ref signal);
        }

        Assert.Equal(expected, gate.Check(in signal, in inputs, out OrderSizing sizing));
        Assert.Equal(default, sizing.Quantity);
    }

    private static void Inject(string failure, RiskGate gate, ref RiskInputs inputs, ref TradeSignal signal)
    {
        switch (failure)
        {
            case "Halted":
                gate.Apply(Command(OperatorCommandKind.Halt, Noon));
                break;
            case "Reducing":
                gate.Apply(Command(OperatorCommandKind.Reduce, Noon));
                break;
            case "DailyLoss": // day started at 10,600, lost 600 ≥ 530
                inputs = inputs with { DailyRealisedPnl = M("-600") };
                break;
            case "Drawdown": // 10,000 from a 20,000 peak
                inputs = inputs with { EquityPeak = M("20000") };
                break;
            case "Losses":
                inputs = inputs with { ConsecutiveLosses = 7 };
                break;
            case "Trades":
                inputs = inputs with { TradesToday = 9 };
                break;
            case "Cooldown":
                inputs = inputs with { LastCloseTimeMs = Noon - Minute };
                break;
            case "Positions":
                inputs = inputs with { OpenPositions = 1 };
                break;
            case "Exposure":
                inputs = inputs with { SymbolExposure = M("25000") };
                break;
            case "Rate": // spend the burst of two with clean inputs first
                RiskInputs clean = Inputs;
                TradeSignal s = Long;
                Assert.Equal(RiskVerdict.Admitted, gate.Check(in s, in clean, out _));
                Assert.Equal(RiskVerdict.Admitted, gate.Check(in s, in clean, out _));
                break;
            case "Band":
                signal.Price = 70_000;
                break;
            case "Filters":
                inputs = inputs with { Filters = default };
                break;
            case "NoStop":
                inputs = inputs with { Atr = double.NaN };
                break;
            case "TooSmall":
                inputs = inputs with { Equity = M("9"), EquityPeak = M("9") }; // risk 0.09 / 1,000 = 0.00009 BTC
                break;
            case "MinQty":
                inputs = inputs with { Filters = inputs.Filters with { MarketMinQty = Q("1") } };
                break;
            case "MinNotional":
                inputs = inputs.Filters.IsValid ? inputs with { Filters = inputs.Filters with { MinNotional = M("1000000") } } : inputs;
                break;
            default:
                throw new ArgumentException(failure);
        }
    }
}
