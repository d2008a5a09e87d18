using System.Globalization;

namespace Engine.Cli.Record;

/// <summary>
/// Runs <c>engine record</c>: a source hands every frame with its local receive time to a
/// <see cref="RotatingFrameWriter"/>; once a second the writer pushes its buffer to disk and closes an hour that has
/// passed. On stop (the token, or the duration) the source is stopped first, then the open file is finished, so every
/// file is a whole gzip and no frame received is left out. A file that cannot be written ends the recording with an
/// <see cref="OutputException"/> (exit 4) after the figures are printed.
/// </summary>
public static class RecordRunner
{
    /// <summary>The local clock the recorder stamps frames with: Unix ns (100 ns resolution).</summary>
    public static long WallClockNanos() => (DateTime.UtcNow.Ticks - DateTime.UnixEpoch.Ticks) * 100;

    /// <summary>Records until <paramref name="stop"/> or the request's duration; returns the writer's figures as console lines.</summary>
    public static async Task<RecordOutcome> RunAsync(RecordRequest request, Func<RotatingFrameWriter, IRecordSource> createSource, TextWriter output,
        CancellationToken stop, Func<long>? clock = null, Action<RotatingFrameWriter>? onStarted = null)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(createSource);
        ArgumentNullException.ThrowIfNull(output);
        clock ??= WallClockNanos;
        using var run = CancellationTokenSource.CreateLinkedTokenSource(stop);
        if (request.Duration is TimeSpan duration)
        {
            run.CancelAfter(duration);
        }

        var writer = new RotatingFrameWriter(request.OutputPath);
        long reconnects;
        try
        {
            IRecordSource source = createSource(writer);
            await using (source.ConfigureAwait(false))
            {
                await source.StartAsync(run.Token).ConfigureAwait(false);
                onStarted?.Invoke(writer);
                using var everySecond = new PeriodicTimer(TimeSpan.FromSeconds(1));
                try
                {
                    while (writer.Failure is null && await everySecond.WaitForNextTickAsync(run.Token).ConfigureAwait(false))
                    {
                        writer.Flush(clock());
                    }
                }
                catch (OperationCanceledException)
                {
                    // stop requested or duration reached
                }

                await source.StopAsync().ConfigureAwait(false);
                reconnects = source.Reconnects;
            }
        }
        finally
        {
            writer.Dispose(); // the gzip trailer of the open file
        }

        var lines = new List<string>
        {
            string.Create(CultureInfo.InvariantCulture, $"record: {writer.Frames:N0} frames ({writer.LineBytes:N0} bytes before compression) in {writer.Files.Count} file(s); {reconnects} reconnects"),
        };
        lines.AddRange(writer.Files.Select(f => "record: " + f));
        if (writer.LateFrames > 0)
        {
            lines.Add(string.Create(CultureInfo.InvariantCulture, $"record: {writer.LateFrames:N0} frames stamped before their file's hour (written at a rotation's edge by another connection; kept)"));
        }

        foreach (string line in lines)
        {
            output.WriteLine(line);
        }

        if (writer.Failure is not null)
        {
            throw new OutputException($"--out {request.OutputPath}: {writer.Failure}; the recording stopped there ({writer.Frames:N0} frames written before it are kept)");
        }

        return new RecordOutcome(writer.Frames, writer.Files, reconnects);
    }
}
