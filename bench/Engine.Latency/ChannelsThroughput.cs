using System.Diagnostics;
using System.Threading.Channels;

namespace Engine.Latency;

/// <summary>The baseline: the same struct through a bounded single-reader/single-writer Channel, used the fast way.</summary>
internal static class ChannelsThroughput
{
    private const int Capacity = 1 << 16;

    public static double MeasureEventsPerSecond(TimeSpan duration)
    {
        Channel<BenchEvent> channel = Channel.CreateBounded<BenchEvent>(
            new BoundedChannelOptions(Capacity) { SingleReader = true, SingleWriter = true, FullMode = BoundedChannelFullMode.Wait });
        Task<long> consumer = Task.Run(() => ConsumeAsync(channel.Reader));

        ChannelWriter<BenchEvent> writer = channel.Writer;
        long start = Stopwatch.GetTimestamp();
        long deadline = start + (long)(duration.TotalSeconds * Stopwatch.Frequency);
        var evt = default(BenchEvent);
        do
        {
            for (int i = 0; i < 1024; i++)
            {
                evt.Value++;
                if (!writer.TryWrite(evt))
                {
                    writer.WriteAsync(evt).AsTask().GetAwaiter().GetResult();
                }
            }
        }
        while (Stopwatch.GetTimestamp() < deadline);

        writer.Complete();
        long count = consumer.GetAwaiter().GetResult();
        return count / Stopwatch.GetElapsedTime(start).TotalSeconds;
    }

    private static async Task<long> ConsumeAsync(ChannelReader<BenchEvent> reader)
    {
        long count = 0;
        long sum = 0;
        while (await reader.WaitToReadAsync().ConfigureAwait(false))
        {
            while (reader.TryRead(out BenchEvent evt))
            {
                sum += evt.Value;
                count++;
            }
        }

        return sum == long.MinValue ? -1 : count; // sum is read so the loop body cannot be dropped
    }
}
