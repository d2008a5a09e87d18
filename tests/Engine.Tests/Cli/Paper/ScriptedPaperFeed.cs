using Engine.Cli.Run;
using Engine.Model;
using Engine.Pipeline;
using Engine.Timing;

namespace Engine.Tests.Cli.Paper;

/// <summary>
/// A paper feed that publishes a trade file's events through the live input (the multi-producer ring) on a thread of
/// its own, as fast as the ring takes them, then calls <paramref name="onEnd"/> (the test stops the run there); no
/// file: nothing at all.
/// </summary>
internal sealed class ScriptedPaperFeed(PaperFeedContext context, string? tradeFile, Action onEnd) : IPaperFeed
{
    private Thread? _thread;
    private long _published;

    public long Published => Interlocked.Read(ref _published);

    public Task StartAsync(CancellationToken stop)
    {
        _thread = new Thread(() => Publish(stop)) { IsBackground = true, Name = "scripted-feed" };
        _thread.Start();
        return Task.CompletedTask;
    }

    public Task StopAsync()
    {
        _thread?.Join();
        return Task.CompletedTask;
    }

    public FeedFigures Figures() => new() { Frames = Published, FramesPerSecond = 0, Reconnects = 2, GapsFound = 1, GapsFilled = 1, TradesBackfilled = 5 };

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    private void Publish(CancellationToken stop)
    {
        if (tradeFile is null)
        {
            return; // a quiet market
        }

        IInputFeed source = InputDetector.Open(tradeFile, InputDetector.Detect(tradeFile), context.Registry, new SymbolId(0), 1000);
        try
        {
            EngineEvent e = default;
            while (!stop.IsCancellationRequested && source.TryReadNext(ref e))
            {
                long sequence = context.Input.Claim();
                ref EngineEvent slot = ref context.Input[sequence];
                slot = e;
                slot.ReceivedTimestamp = EngineClock.Timestamp();
                context.Input.Publish(sequence);
                Interlocked.Increment(ref _published);
            }
        }
        catch (InputClosedException)
        {
            return; // the run stopped first
        }
        finally
        {
            (source as IDisposable)?.Dispose();
        }

        onEnd();
    }
}
