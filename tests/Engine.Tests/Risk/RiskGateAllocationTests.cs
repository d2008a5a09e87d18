using Engine.Model;
using Engine.Risk;
using static Engine.Tests.Risk.RiskScenario;

namespace Engine.Tests.Risk;

/// <summary>The gate allocates nothing per signal after warm-up, on the admit path and on reject paths.</summary>
public class RiskGateAllocationTests
{
    [Fact]
    public void Check_AdmitPath_AllocatesNothing()
    {
        RiskGate gate = Gate(Options with { CooldownMinutes = 0, EntryLimitOffsetPct = 0.001 });
        TradeSignal signal = Long;
        long time = Noon;
        long admitted = 0;
        RiskInputs baseline = Inputs; // built once: the test's own parsing is not what is measured

        void Run()
        {
            for (int i = 0; i < 10_000; i++)
            {
                time += 30_000; // one order token a check, across several UTC days
                RiskInputs inputs = baseline with { TimeMs = time };
                if (gate.Check(in signal, in inputs, out OrderSizing sizing) == RiskVerdict.Admitted)
                {
                    admitted += sizing.Quantity.E8 > 0 ? 1 : 0;
                }
            }
        }

        Run();
        long before = GC.GetAllocatedBytesForCurrentThread();
        Run();
        long after = GC.GetAllocatedBytesForCurrentThread();
        Assert.Equal(before, after);
        Assert.Equal(20_000, admitted);
    }

    [Fact]
    public void Check_RejectAndBreakerPaths_AllocateNothing()
    {
        RiskGate gate = Gate();
        TradeSignal signal = Long;
        RiskInputs band = Inputs;
        TradeSignal far = Signal(SignalDirection.Short, 70_000);
        RiskInputs breach = Inputs with { DailyRealisedPnl = M("-600") };
        var command = Command(OperatorCommandKind.Resume, Noon);

        void Run()
        {
            for (int i = 0; i < 10_000; i++)
            {
                gate.Check(in far, in band, out _);
                gate.Check(in signal, in breach, out _);
                gate.Check(in signal, in band, out _);
                gate.Apply(in command);
                _ = gate.AllowsOrder(OrderIntent.ProtectiveExit);
            }
        }

        Run();
        long before = GC.GetAllocatedBytesForCurrentThread();
        Run();
        long after = GC.GetAllocatedBytesForCurrentThread();
        Assert.Equal(before, after);
        Assert.True(gate.Count(RiskVerdict.DailyLossLimit) >= 20_000);
        Assert.True(gate.Count(RiskVerdict.Halted) >= 20_000);
    }
}
