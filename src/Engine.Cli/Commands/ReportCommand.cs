using System.CommandLine;
using Engine.Cli.Run;

namespace Engine.Cli.Commands;

/// <summary><c>engine report &lt;run-dir&gt;</c>: re-renders report.md, the latency files and summary.json's latency from the saved histograms.</summary>
public static class ReportCommand
{
    public static Command Create(CommandContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var directory = new Argument<string>("run-dir") { Description = "A run directory written by `engine replay`" };
        var command = new Command("report", "Re-render a run's report from its saved histograms");
        command.Add(directory);
        command.SetAction(parse =>
        {
            string dir = parse.GetValue(directory)!;
            if (!Directory.Exists(dir))
            {
                throw new DirectoryNotFoundException($"{dir}: no such run directory");
            }

            RunSummary summary = RunReportWriter.ReadSummary(dir);
            var series = HistogramStore.Load(Path.Combine(dir, HistogramStore.FileName));
            (string report, RunSummary written) = RunReportWriter.WriteAll(dir, summary, series, saveHistograms: false);
            foreach (string line in RunVerdict.ConsoleLines(written))
            {
                context.Output.WriteLine(line);
            }

            context.Output.WriteLine(Path.GetFullPath(report));
            return ExitCodes.Ok;
        });
        return command;
    }
}
