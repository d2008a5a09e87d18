using Engine.Model;
using Engine.Risk;
using static Engine.Tests.Risk.RiskScenario;

namespace Engine.Tests.Risk;

/// <summary>Halt state, daily counters and the order-rate bucket survive a restart through the snapshot.</summary>
public class RiskStateSnapshotTests
{
    [Fact]
    public void Restore_OfALimitHalt_StaysHaltedAndStillResetsAtTheNextUtcDay()
    {
        RiskGate before = Gate();
        TradeSignal s = Long;
        RiskInputs breach = Inputs with { ConsecutiveLosses = 3 };
        before.Check(in s, in breach, out _);
        RiskStateSnapshot snapshot = before.TakeSnapshot();

        RiskGate after = Gate();
        after.Restore(in snapshot);
        Assert.Equal(TradingState.Halted, after.State);
        Assert.Equal(before.Breaker.LastTrip, after.Breaker.LastTrip);
        Assert.Equal(1, after.Breaker.TripCount);
        Assert.Equal(1, after.RejectedToday);

        RiskInputs later = Inputs with { TimeMs = Noon + Minute };
        Assert.Equal(RiskVerdict.Halted, after.Check(in s, in later, out _));
        RiskInputs tomorrow = Inputs with { TimeMs = NextMidnight };
        Assert.Equal(RiskVerdict.Admitted, after.Check(in s, in tomorrow, out _));
        Assert.Equal(1, after.AdmittedToday);
    }

    [Fact]
    public void Restore_OfAnOperatorHalt_IsNotEndedByTheCalendar()
    {
        RiskGate before = Gate();
        before.Apply(Command(OperatorCommandKind.Halt, Noon));
        RiskStateSnapshot snapshot = before.TakeSnapshot();

        RiskGate after = Gate();
        after.Restore(in snapshot);
        after.AdvanceTo(NextMidnight + (5 * 86_400_000L));
        Assert.Equal(TradingState.Halted, after.State);
        Assert.Equal(BreakerCause.OperatorHalt, after.Breaker.HaltCause);
    }

    [Fact]
    public void Restore_KeepsTheOrderRateBucketEmpty()
    {
        RiskGate before = Gate();
        TradeSignal s = Long;
        RiskInputs inputs = Inputs;
        before.Check(in s, in inputs, out _);
        before.Check(in s, in inputs, out _);
        RiskStateSnapshot snapshot = before.TakeSnapshot();

        RiskGate after = Gate();
        after.Restore(in snapshot);
        Assert.Equal(2, after.AdmittedToday);
        Assert.Equal(RiskVerdict.OrderRate, after.Check(in s, in inputs, out _));
        RiskInputs refilled = Inputs with { TimeMs = Noon + 30_000 };
        Assert.Equal(RiskVerdict.Admitted, after.Check(in s, in refilled, out _));
    }

    [Fact]
    public void DailyCounters_RollOverAtTheUtcDay()
    {
        RiskGate gate = Gate();
        TradeSignal s = Long;
        RiskInputs inputs = Inputs;
        gate.Check(in s, in inputs, out _);
        Assert.Equal(1, gate.AdmittedToday);
        gate.AdvanceTo(NextMidnight - 1);
        Assert.Equal(1, gate.AdmittedToday);
        gate.AdvanceTo(NextMidnight);
        Assert.Equal(0, gate.AdmittedToday);
        Assert.Equal(1, gate.Count(RiskVerdict.Admitted));
    }

    [Fact]
    public void Restore_WithAnUnknownState_Throws()
    {
        var snapshot = new RiskStateSnapshot { State = (TradingState)42 };
        Assert.Throws<ArgumentException>(() => Gate().Restore(in snapshot));
    }
}
