using System.CommandLine;
using System.Text.Json;
using Engine.Cli.Control;

namespace Engine.Cli.Commands;

/// <summary><c>engine ctl &lt;run-dir&gt; status|halt|resume|flatten|cancel-all</c>: an operator command to a running engine.</summary>
public static class CtlCommand
{
    /// <summary>Exit code when the engine answered but did not apply the command (unknown word, inbox full, run ending).</summary>
    public const int NotApplied = 5;

    public static Command Create(CommandContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var directory = new Argument<string>("run-dir") { Description = "The run directory of a running engine (its --out)" };
        var verb = new Argument<string>("command") { Description = "status, halt, resume, flatten or cancel-all" };
        verb.AcceptOnlyFromAmong([.. ControlVerb.All]);
        var timeout = new Option<double>("--timeout") { Description = "Seconds to wait for the answer", DefaultValueFactory = _ => 10 };
        var command = new Command("ctl", "Send an operator command to a running engine over its control socket");
        command.Add(directory);
        command.Add(verb);
        command.Add(timeout);
        command.SetAction(parse =>
        {
            string dir = parse.GetValue(directory)!;
            if (!Directory.Exists(dir))
            {
                throw new DirectoryNotFoundException($"{dir}: no such run directory");
            }

            string line;
            try
            {
                line = ControlClient.SendAsync(dir, parse.GetValue(verb)!, TimeSpan.FromSeconds(parse.GetValue(timeout))).GetAwaiter().GetResult();
            }
            catch (Exception e) when (e is IOException or OperationCanceledException)
            {
                context.Error.WriteLine($"engine ctl: {e.Message}");
                return NotApplied;
            }

            context.Output.WriteLine(line);
            using JsonDocument answer = JsonDocument.Parse(line);
            return answer.RootElement.GetProperty("applied").GetBoolean() ? ExitCodes.Ok : NotApplied;
        });
        return command;
    }
}
