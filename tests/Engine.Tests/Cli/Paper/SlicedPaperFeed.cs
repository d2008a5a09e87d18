using Engine.Cli.Run;
using Engine.Model;
using Engine.Pipeline;
using Engine.Timing;

namespace Engine.Tests.Cli.Paper;

/// <summary>Publishes the sample's trades [from, to) through the live input, then calls onEnd.</summary>
internal sealed class SlicedPaperFeed(PaperFeedContext context, long from, long to, Action onEnd) : IPaperFeed
{
    private Thread? _thread;

    public Task StartAsync(CancellationToken stop)
    {
        _thread = new Thread(() => Publish(stop)) { IsBackground = true, Name = "sliced-feed" };
        _thread.Start();
        return Task.CompletedTask;
    }

    public Task StopAsync()
    {
        _thread?.Join();
        return Task.CompletedTask;
    }

    public FeedFigures Figures() => new();

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    private void Publish(CancellationToken stop)
    {
        string file = CliHarness.SampleTrades;
        var source = InputDetector.Open(file, InputDetector.Detect(file), context.Registry, new SymbolId(0), 1000);
        try
        {
            EngineEvent e = default;
            for (long i = 0; i < to && !stop.IsCancellationRequested && source.TryReadNext(ref e); i++)
            {
                if (i < from)
                {
                    continue;
                }

                long sequence = context.Input.Claim();
                ref EngineEvent slot = ref context.Input[sequence];
                slot = e;
                slot.ReceivedTimestamp = EngineClock.Timestamp();
                context.Input.Publish(sequence);
            }
        }
        catch (InputClosedException)
        {
            return;
        }
        finally
        {
            (source as IDisposable)?.Dispose();
        }

        onEnd();
    }
}
