using Engine.Model;

namespace Engine.Cli.Control;

/// <summary>The words <c>engine ctl</c> takes, and the operator command each one becomes.</summary>
public static class ControlVerb
{
    public static readonly IReadOnlyList<string> All = ["status", "halt", "resume", "flatten", "cancel-all"];

    public static bool TryParse(string text, out OperatorCommandKind kind)
    {
        kind = text switch
        {
            "status" => OperatorCommandKind.Status,
            "halt" => OperatorCommandKind.Halt,
            "resume" => OperatorCommandKind.Resume,
            "flatten" => OperatorCommandKind.Flatten,
            "cancel-all" => OperatorCommandKind.CancelAll,
            _ => OperatorCommandKind.None,
        };
        return kind != OperatorCommandKind.None;
    }
}
