using System.Threading.Channels;

namespace Engine.Benchmarks.Ring;

/// <summary>The baseline: a bounded <see cref="Channel{T}"/> of <see cref="BenchEvent"/>, one writer, one async reader, used the fast way (TryWrite/TryRead first).</summary>
public sealed class ChannelPipe
{
    private readonly Channel<BenchEvent> _channel = Channel.CreateBounded<BenchEvent>(
        new BoundedChannelOptions(RingPipe.Capacity) { SingleReader = true, SingleWriter = true, FullMode = BoundedChannelFullMode.Wait });

    public long Move(int count)
    {
        Task<long> consumer = Task.Run(() => ConsumeAsync(count));
        ChannelWriter<BenchEvent> writer = _channel.Writer;
        var evt = default(BenchEvent);
        for (int i = 0; i < count; i++)
        {
            evt.Value = i;
            if (!writer.TryWrite(evt))
            {
                writer.WriteAsync(evt).AsTask().GetAwaiter().GetResult();
            }
        }

        return consumer.GetAwaiter().GetResult();
    }

    private async Task<long> ConsumeAsync(int count)
    {
        ChannelReader<BenchEvent> reader = _channel.Reader;
        long sum = 0;
        int seen = 0;
        while (seen < count)
        {
            while (seen < count && reader.TryRead(out BenchEvent evt))
            {
                sum += evt.Value;
                seen++;
            }

            if (seen < count)
            {
                await reader.WaitToReadAsync().ConfigureAwait(false);
            }
        }

        return sum;
    }
}
