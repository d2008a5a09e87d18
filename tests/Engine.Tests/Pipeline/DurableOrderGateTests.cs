using Engine.Pipeline;
using Engine.Ring;

namespace Engine.Tests.Pipeline;

/// <summary>
/// <see cref="DurableOrderGate"/>: an order request is handed on only after the journal said the inputs up to the input
/// ring's cursor at that moment are durable; other outputs never wait; a failed wait is counted and the request still
/// goes on (the reconciliation covers an order the journal cannot explain).
/// </summary>
public sealed class DurableOrderGateTests
{
    private sealed class ScriptedJournal(bool answer) : IDurableInput
    {
        public List<string> Log { get; } = [];

        public long DurableSequence => -1;

        public bool WaitForDurable(long sequence, TimeSpan timeout)
        {
            Log.Add($"wait {sequence}");
            return answer;
        }
    }

    private sealed class Recorder(List<string> log) : IEventHandler<OutputEvent>
    {
        public void OnStart() => log.Add("start");

        public void OnBatchStart(long batchSize)
        {
        }

        public void OnEvent(ref OutputEvent evt, long sequence, bool endOfBatch) => log.Add($"{evt.Kind} {sequence}");

        public void OnShutdown() => log.Add("shutdown");
    }

    [Fact]
    public void OrderRequest_WaitsForTheCursorFirst_OtherOutputsPassStraightThrough()
    {
        var journal = new ScriptedJournal(answer: true);
        long cursor = 41;
        var gate = new DurableOrderGate(new Recorder(journal.Log), journal, () => cursor, TimeSpan.FromSeconds(1));
        gate.OnStart();
        var row = new OutputEvent { Kind = OutputKind.RowClosed };
        var order = new OutputEvent { Kind = OutputKind.OrderRequested };
        gate.OnEvent(ref row, 0, false);
        gate.OnEvent(ref order, 1, false);
        cursor = 57;
        gate.OnEvent(ref order, 2, true);
        gate.OnShutdown();

        Assert.Equal(["start", "RowClosed 0", "wait 41", "OrderRequested 1", "wait 57", "OrderRequested 2", "shutdown"], journal.Log);
        Assert.Equal((2L, 0L), (gate.Waits, gate.Failures));
    }

    [Fact]
    public void FailedWait_IsCounted_AndTheRequestStillGoesOn()
    {
        var journal = new ScriptedJournal(answer: false);
        var gate = new DurableOrderGate(new Recorder(journal.Log), journal, () => 9, TimeSpan.FromMilliseconds(1));
        var order = new OutputEvent { Kind = OutputKind.OrderRequested };
        gate.OnEvent(ref order, 0, true);
        Assert.Equal(["wait 9", "OrderRequested 0"], journal.Log);
        Assert.Equal((1L, 1L), (gate.Waits, gate.Failures));
    }
}
