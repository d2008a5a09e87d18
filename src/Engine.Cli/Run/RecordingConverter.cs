using Engine.Binance.Recording;
using Engine.Binance.Sources;
using Engine.Model;
using Engine.Pipeline;

namespace Engine.Cli.Run;

/// <summary>
/// Writes trade inputs into one binary recording. The recording's symbols are the configured one, every
/// data.binance.vision style file-name prefix and every symbol of input recordings; trades of other symbols (a
/// symbol column naming one not listed) are skipped and counted, as are malformed lines (<paramref name="problems"/>
/// says which file, how many and the last one). Written to a temporary file beside the target, renamed over it when
/// complete, removed on failure: the target is either the old file or the whole new one.
/// </summary>
public static class RecordingConverter
{
    public static long Convert(IReadOnlyList<ReplayInput> inputs, string configuredSymbol, string target) => Convert(inputs, configuredSymbol, target, out _, []);

    /// <param name="symbolGiven">
    /// <c>--symbol</c>: trade CSVs hold <paramref name="configuredSymbol"/> whatever their file names say.
    /// </param>
    public static long Convert(IReadOnlyList<ReplayInput> inputs, string configuredSymbol, string target, out long skipped, List<string> problems, bool symbolGiven = false)
    {
        ArgumentNullException.ThrowIfNull(problems);
        ArgumentNullException.ThrowIfNull(inputs);
        SymbolRegistry registry = InputDetector.SymbolsOf(inputs, configuredSymbol, symbolGiven);
        var names = Enumerable.Range(0, registry.Count).Select(i => registry.NameOf(new SymbolId(i))).ToList();
        string temp = $"{target}.{Environment.ProcessId}.tmp";
        skipped = 0;
        long written;
        try
        {
        using (var writer = new RecordingWriter(File.Create(temp), names))
        {
            var slot = default(EngineEvent);
            foreach (ReplayInput input in inputs)
            {
                IInputFeed feed = InputDetector.Open(input.Path, input.Kind, registry, new SymbolId(0), 60_000, symbolGiven: symbolGiven);
                try
                {
                    while (feed.TryReadNext(ref slot))
                    {
                        if (slot.Kind == EventKind.Trade && (uint)slot.Trade.Symbol.Value < (uint)names.Count)
                        {
                            writer.Write(in slot.Trade);
                        }
                        else
                        {
                            skipped++;
                        }
                    }
                }
                finally
                {
                    if (feed is IEventSource source && source.Stats.Malformed > 0)
                    {
                        long malformed = source.Stats.Malformed - source.Stats.Count(LineFailure.UnknownSymbol);
                        if (malformed > 0)
                        {
                            problems.Add($"{input.Path}: {malformed} malformed line{(malformed == 1 ? string.Empty : "s")} skipped (last: line {source.Stats.LastFailureLine}, {source.Stats.LastFailure})");
                        }
                    }

                    (feed as IDisposable)?.Dispose();
                }
            }

            writer.Flush();
            written = writer.Count;
        }

        File.Move(temp, target, overwrite: true);
        }
        catch
        {
            File.Delete(temp);
            throw;
        }

        return written;
    }
}
