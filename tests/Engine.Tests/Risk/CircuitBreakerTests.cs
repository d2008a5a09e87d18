using Engine.Model;
using Engine.Risk;
using static Engine.Tests.Risk.RiskScenario;

namespace Engine.Tests.Risk;

/// <summary>The breaker tripping on each limit, staying HALTED, resetting at the next UTC day or on resume, and what each state lets through.</summary>
public class CircuitBreakerTests
{
    private static RiskVerdict Check(RiskGate gate, RiskInputs inputs)
    {
        TradeSignal s = Long;
        return gate.Check(in s, in inputs, out _);
    }

    public static TheoryData<string, RiskVerdict, BreakerCause> Breaches => new()
    {
        { "DailyLoss", RiskVerdict.DailyLossLimit, BreakerCause.DailyLoss },
        { "Drawdown", RiskVerdict.MaxDrawdown, BreakerCause.Drawdown },
        { "Losses", RiskVerdict.ConsecutiveLosses, BreakerCause.ConsecutiveLosses },
        { "Trades", RiskVerdict.TradesPerDay, BreakerCause.TradesPerDay },
    };

    private static RiskInputs Breach(string limit, long timeMs) => limit switch
    {
        "DailyLoss" => Inputs with { TimeMs = timeMs, DailyRealisedPnl = M("-600") },
        "Drawdown" => Inputs with { TimeMs = timeMs, EquityPeak = M("12000") },
        "Losses" => Inputs with { TimeMs = timeMs, ConsecutiveLosses = 3 },
        _ => Inputs with { TimeMs = timeMs, TradesToday = 5 },
    };

    [Theory]
    [MemberData(nameof(Breaches))]
    public void Breach_TripsToHalted_AndStaysHaltedForTheRestOfTheUtcDay(string limit, RiskVerdict verdict, BreakerCause cause)
    {
        RiskGate gate = Gate(Options with { HaltOnTradesPerDay = true });
        Assert.Equal(verdict, Check(gate, Breach(limit, Noon)));

        Assert.Equal(TradingState.Halted, gate.State);
        Assert.Equal(1, gate.Breaker.TripCount);
        Assert.Equal(new BreakerEvent(cause, TradingState.Halted, Noon), gate.Breaker.LastTrip);
        Assert.Equal(cause, gate.Breaker.HaltCause);

        // clean inputs later the same day are still refused, and the last trip record does not move
        Assert.Equal(RiskVerdict.Halted, Check(gate, Inputs with { TimeMs = Noon + Minute }));
        Assert.Equal(RiskVerdict.Halted, Check(gate, Inputs with { TimeMs = NextMidnight - 1 }));
        Assert.Equal(1, gate.Breaker.TripCount);
        Assert.Equal(2, gate.Count(RiskVerdict.Halted));
    }

    [Theory]
    [MemberData(nameof(Breaches))]
    public void Breach_ResetsAtTheNextUtcDayOfEventTime(string limit, RiskVerdict verdict, BreakerCause cause)
    {
        RiskGate gate = Gate(Options with { HaltOnTradesPerDay = true });
        Assert.Equal(verdict, Check(gate, Breach(limit, Noon)));
        Assert.Equal(cause, gate.Breaker.LastTrip.Cause);

        Assert.Equal(RiskVerdict.Admitted, Check(gate, Inputs with { TimeMs = NextMidnight }));
        Assert.Equal(TradingState.Active, gate.State);
        Assert.Equal(1, gate.Breaker.ResetCount);
        Assert.Equal(new BreakerEvent(BreakerCause.NewUtcDay, TradingState.Active, NextMidnight), gate.Breaker.LastReset);
    }

    [Fact]
    public void TradesPerDay_ByDefault_RejectsWithoutTripping()
    {
        RiskGate gate = Gate();
        Assert.Equal(RiskVerdict.TradesPerDay, Check(gate, Inputs with { TradesToday = 5 }));
        Assert.Equal(TradingState.Active, gate.State);
        Assert.Equal(0, gate.Breaker.TripCount);
    }

    [Fact]
    public void Breach_WithHaltDisabled_RejectsWithoutTripping()
    {
        RiskGate gate = Gate(Options with { HaltOnDailyLoss = false });
        Assert.Equal(RiskVerdict.DailyLossLimit, Check(gate, Breach("DailyLoss", Noon)));
        Assert.Equal(TradingState.Active, gate.State);
        Assert.Equal(RiskVerdict.Admitted, Check(gate, Inputs));
    }

    [Fact]
    public void OperatorResume_EndsALimitHaltTheSameDay()
    {
        RiskGate gate = Gate();
        Assert.Equal(RiskVerdict.ConsecutiveLosses, Check(gate, Breach("Losses", Noon)));
        gate.Apply(Command(OperatorCommandKind.Resume, Noon + Minute));

        Assert.Equal(TradingState.Active, gate.State);
        Assert.Equal(new BreakerEvent(BreakerCause.OperatorResume, TradingState.Active, Noon + Minute), gate.Breaker.LastReset);
        Assert.Equal(RiskVerdict.Admitted, Check(gate, Inputs with { TimeMs = Noon + (2 * Minute) }));
    }

    [Fact]
    public void OperatorResume_WhileTheLimitIsStillBreached_TripsAgainOnTheNextSignal()
    {
        RiskGate gate = Gate();
        Check(gate, Breach("Losses", Noon));
        gate.Apply(Command(OperatorCommandKind.Resume, Noon + Minute));
        Assert.Equal(RiskVerdict.ConsecutiveLosses, Check(gate, Breach("Losses", Noon + (2 * Minute))));
        Assert.Equal(TradingState.Halted, gate.State);
        Assert.Equal(2, gate.Breaker.TripCount);
    }

    [Fact]
    public void OperatorHalt_IsNotEndedByTheNextUtcDay()
    {
        RiskGate gate = Gate();
        gate.Apply(Command(OperatorCommandKind.Halt, Noon));
        Assert.Equal(RiskVerdict.Halted, Check(gate, Inputs with { TimeMs = NextMidnight + (3 * UtcDayMs) }));
        gate.Apply(Command(OperatorCommandKind.Resume, NextMidnight + (3 * UtcDayMs) + 1));
        Assert.Equal(RiskVerdict.Admitted, Check(gate, Inputs with { TimeMs = NextMidnight + (3 * UtcDayMs) + 2 }));
    }

    [Fact]
    public void OperatorHalt_OverALimitHalt_KeepsItHaltedPastMidnight()
    {
        RiskGate gate = Gate();
        Check(gate, Breach("DailyLoss", Noon));
        gate.Apply(Command(OperatorCommandKind.Halt, Noon + Minute));
        Assert.Equal(BreakerCause.OperatorHalt, gate.Breaker.HaltCause);
        Assert.Equal(RiskVerdict.Halted, Check(gate, Inputs with { TimeMs = NextMidnight }));
    }

    [Fact]
    public void Flatten_HaltsWithItsOwnCause()
    {
        RiskGate gate = Gate();
        gate.Apply(Command(OperatorCommandKind.Flatten, Noon));
        Assert.Equal(TradingState.Halted, gate.State);
        Assert.Equal(new BreakerEvent(BreakerCause.OperatorFlatten, TradingState.Halted, Noon), gate.Breaker.LastTrip);
        Assert.True(gate.AllowsOrder(OrderIntent.ProtectiveExit)); // the flatten itself goes out as a protective exit
    }

    [Fact]
    public void OperatorCommand_FromAnInputRingSlot_IsApplied()
    {
        var slot = new EngineEvent { Kind = EventKind.OperatorCommand, Command = Command(OperatorCommandKind.Reduce, Noon) };
        RiskGate gate = Gate();
        gate.Apply(in slot.Command);
        Assert.Equal(TradingState.Reducing, gate.State);
        Assert.True(gate.AllowsOrder(OrderIntent.ReduceOnly));
        Assert.False(gate.AllowsOrder(OrderIntent.Entry));

        slot.Command = Command(OperatorCommandKind.Resume, Noon + 1);
        gate.Apply(in slot.Command);
        Assert.Equal(TradingState.Active, gate.State);
        Assert.Equal(1, gate.Breaker.ResetCount);
    }

    [Fact]
    public void Resume_WhenActive_IsNotAReset()
    {
        RiskGate gate = Gate();
        gate.Apply(Command(OperatorCommandKind.Resume, Noon));
        Assert.Equal(0, gate.Breaker.ResetCount);
        Assert.Equal(default, gate.Breaker.LastReset);
    }

    [Fact]
    public void LimitHalt_WhileReducing_ReturnsToReducingAtTheNextDay()
    {
        var breaker = new CircuitBreaker();
        breaker.Apply(Command(OperatorCommandKind.Reduce, Noon));
        breaker.Trip(BreakerCause.Drawdown, Noon + 1);
        Assert.Equal(TradingState.Halted, breaker.State);
        breaker.AdvanceTo(NextMidnight);
        Assert.Equal(TradingState.Reducing, breaker.State);
        Assert.Equal(new BreakerEvent(BreakerCause.NewUtcDay, TradingState.Reducing, NextMidnight), breaker.LastReset);
    }

    [Fact]
    public void Trip_WhenAlreadyHalted_IsNotCountedAgain()
    {
        var breaker = new CircuitBreaker();
        breaker.Trip(BreakerCause.DailyLoss, Noon);
        breaker.Trip(BreakerCause.Drawdown, Noon + 1);
        Assert.Equal(1, breaker.TripCount);
        Assert.Equal(BreakerCause.DailyLoss, breaker.LastTrip.Cause);
    }

    [Fact]
    public void AdvanceTo_EventTimeGoingBackwards_DoesNotReset()
    {
        var breaker = new CircuitBreaker();
        breaker.Trip(BreakerCause.DailyLoss, NextMidnight + 5);
        breaker.AdvanceTo(Noon);
        Assert.Equal(TradingState.Halted, breaker.State);
    }

    [Fact]
    public void CheckLimits_WithoutASignal_TripsTheBreaker()
    {
        RiskGate gate = Gate();
        RiskInputs inputs = Breach("Drawdown", Noon);
        Assert.Equal(RiskVerdict.MaxDrawdown, gate.CheckLimits(in inputs));
        Assert.Equal(TradingState.Halted, gate.State);
        RiskInputs clean = Inputs;
        Assert.Equal(RiskVerdict.Admitted, gate.CheckLimits(in clean)); // limits alone; the state is the signal's first check
    }

    // What each state lets through (contracts §5: HALTED still lets protective exits and cancels through).
    [Theory]
    [InlineData(TradingState.Active, OrderIntent.Entry, true)]
    [InlineData(TradingState.Active, OrderIntent.ReduceOnly, true)]
    [InlineData(TradingState.Active, OrderIntent.ProtectiveExit, true)]
    [InlineData(TradingState.Active, OrderIntent.Cancel, true)]
    [InlineData(TradingState.Reducing, OrderIntent.Entry, false)]
    [InlineData(TradingState.Reducing, OrderIntent.ReduceOnly, true)]
    [InlineData(TradingState.Reducing, OrderIntent.ProtectiveExit, true)]
    [InlineData(TradingState.Reducing, OrderIntent.Cancel, true)]
    [InlineData(TradingState.Halted, OrderIntent.Entry, false)]
    [InlineData(TradingState.Halted, OrderIntent.ReduceOnly, false)]
    [InlineData(TradingState.Halted, OrderIntent.ProtectiveExit, true)]
    [InlineData(TradingState.Halted, OrderIntent.Cancel, true)]
    public void AllowsOrder_DependsOnTheState(TradingState state, OrderIntent intent, bool allowed)
    {
        var breaker = new CircuitBreaker();
        if (state == TradingState.Reducing)
        {
            breaker.Apply(Command(OperatorCommandKind.Reduce, Noon));
        }
        else if (state == TradingState.Halted)
        {
            breaker.Trip(BreakerCause.DailyLoss, Noon);
        }

        Assert.Equal(state, breaker.State);
        Assert.Equal(allowed, breaker.AllowsOrder(intent));
    }

    [Fact]
    public void Replay_TripsAtTheSameEventEveryRun()
    {
        // one signal a minute; consecutive losses grow by one every 7 minutes, so the third loss arrives at minute 21
        static int[] Run()
        {
            RiskGate gate = Gate(Options with { CooldownMinutes = 0, OrderBurst = 100 });
            var verdicts = new int[60];
            for (int minute = 0; minute < verdicts.Length; minute++)
            {
                RiskInputs inputs = Inputs with { TimeMs = Noon + (minute * Minute), ConsecutiveLosses = minute / 7 };
                verdicts[minute] = (int)Check(gate, inputs);
            }

            return verdicts;
        }

        int[] first = Run();
        Assert.Equal(first, Run());
        Assert.Equal((int)RiskVerdict.ConsecutiveLosses, first[21]);
        Assert.All(first[..21], v => Assert.Equal((int)RiskVerdict.Admitted, v));
        Assert.All(first[22..], v => Assert.Equal((int)RiskVerdict.Halted, v));
    }

    private const long UtcDayMs = 86_400_000;
}
