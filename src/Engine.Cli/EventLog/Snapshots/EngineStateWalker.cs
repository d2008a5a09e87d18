using System.Collections.Concurrent;
using System.Reflection;
using System.Runtime.CompilerServices;
using Engine.EventLog;

namespace Engine.Cli.EventLog.Snapshots;

/// <summary>
/// Serializes the whole state of an engine object graph, and loads it back into a graph of the same shape (an engine
/// built from the same configuration), by walking every instance field: numbers, enums and strings by value, structs
/// field by field (never their padding), arrays element by element, objects once each (a second reference to the same
/// object is written as a reference, so sharing survives a load). What is no state of the trading logic is not walked:
/// the output sink (the rings), latency recording, and anything thread- or delegate-shaped (<see cref="IsSkipped"/>).
/// Walking every field means every type's state is covered, including what a later change adds, without a Save/Load
/// method per type to forget; the restore tests compare the bytes of a restored engine with an uninterrupted one.
/// Cold code (a snapshot every few seconds, a restore at start-up): it uses reflection and allocates.
/// </summary>
internal static class EngineStateWalker
{
    private const byte Null = 0;
    private const byte NewObject = 1;
    private const byte SeenObject = 2;

    private static readonly ConcurrentDictionary<Type, FieldInfo[]> FieldCache = new();

    /// <summary>Fields of the engine classes that are no trading state, by declaring type name (generic arity stripped) and field name.</summary>
    private static readonly HashSet<string> SkippedFields = new(StringComparer.Ordinal)
    {
        "TradingEngine._out",            // the output sink: the output ring, not state
        "TradingEngine._inputTimestamp", // the last event's arrival on this machine's clock
        "TradingEngine._timed",          // whether the last event was a latency sample
        "TradingEngine._inputKind",      // the kind of the event being handled (set before each use): the stop's end-of-input is no journal event
        "TradingEngine._latency",        // latency histograms
        "EngineCounters.Events",         // ring slots seen, counting the unfilled ones a feed pads its last batch with:
        "EngineCounters.IgnoredEvents",  // no journal events, so a restore cannot (and need not) count them again
    };

    public static void Save(object root, BinaryWriter writer)
    {
        ArgumentNullException.ThrowIfNull(root);
        ArgumentNullException.ThrowIfNull(writer);
        var seen = new Dictionary<object, int>(ReferenceEqualityComparer.Instance) { [root] = 0 };
        WriteFields(root, root.GetType(), writer, seen);
    }

    public static void Load(object root, BinaryReader reader)
    {
        ArgumentNullException.ThrowIfNull(root);
        ArgumentNullException.ThrowIfNull(reader);
        var loaded = new List<object> { root };
        ReadFields(root, root.GetType(), reader, loaded);
    }

    /// <summary>The fields walked for <paramref name="type"/>, base classes first, each class's in declaration order.</summary>
    internal static FieldInfo[] FieldsOf(Type type) => FieldCache.GetOrAdd(type, static t =>
    {
        var chain = new List<Type>();
        for (Type? c = t; c is not null && c != typeof(object) && c != typeof(ValueType); c = c.BaseType)
        {
            chain.Insert(0, c);
        }

        return [.. chain.SelectMany(c => c.GetFields(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly)
            .OrderBy(f => f.MetadataToken)
            .Where(f => !IsSkipped(f)))];
    });

    private static bool IsSkipped(FieldInfo field)
    {
        Type t = field.FieldType;
        if (typeof(Delegate).IsAssignableFrom(t) || typeof(MemberInfo).IsAssignableFrom(t) || t.IsPointer || t == typeof(IntPtr) || t == typeof(UIntPtr)
            || t.Namespace is "System.Threading" or "System.Diagnostics" or "Engine.Metrics" or "HdrHistogram" || t.Name == "StageLatency")
        {
            return true;
        }

        string owner = field.DeclaringType!.Name;
        int tick = owner.IndexOf('`', StringComparison.Ordinal);
        return SkippedFields.Contains((tick < 0 ? owner : owner[..tick]) + "." + field.Name);
    }

    private static void WriteFields(object obj, Type type, BinaryWriter w, Dictionary<object, int> seen)
    {
        foreach (FieldInfo f in FieldsOf(type))
        {
            WriteValue(f.FieldType, f.GetValue(obj), w, seen);
        }
    }

    private static void WriteValue(Type type, object? value, BinaryWriter w, Dictionary<object, int> seen)
    {
        if (type.IsEnum)
        {
            type = Enum.GetUnderlyingType(type);
            value = Convert.ChangeType(value, type, System.Globalization.CultureInfo.InvariantCulture);
        }

        if (type.IsPrimitive)
        {
            WritePrimitive(value!, w);
            return;
        }

        if (Nullable.GetUnderlyingType(type) is Type inner)
        {
            w.Write(value is not null); // a boxed Nullable is its value or null
            if (value is not null)
            {
                WriteValue(inner, value, w, seen);
            }

            return;
        }

        if (type.IsValueType)
        {
            WriteFields(value!, type, w, seen); // a boxed copy: fields, never padding
            return;
        }

        if (value is null)
        {
            w.Write(Null);
            return;
        }

        if (seen.TryGetValue(value, out int index))
        {
            w.Write(SeenObject);
            w.Write(index);
            return;
        }

        seen.Add(value, seen.Count);
        w.Write(NewObject);
        Type actual = value.GetType();
        w.Write(actual.AssemblyQualifiedName!);
        switch (value)
        {
            case string s:
                w.Write(s);
                break;
            case Array array:
                if (array.Rank != 1)
                {
                    throw new NotSupportedException($"state walker: {actual} (multi-dimensional arrays are not walked)");
                }

                w.Write(array.Length);
                Type element = actual.GetElementType()!;
                for (int i = 0; i < array.Length; i++)
                {
                    WriteValue(element, array.GetValue(i), w, seen);
                }

                break;
            default:
                if (actual.IsGenericType && actual.GetGenericTypeDefinition() is Type g
                    && (g == typeof(Dictionary<,>) || g == typeof(HashSet<>) || g == typeof(ConcurrentDictionary<,>)))
                {
                    // Their buckets follow the process's randomised string hashing: loaded into another process they would lie.
                    throw new NotSupportedException($"state walker: {actual} in the engine's state cannot be snapshotted; keep state in arrays");
                }

                WriteFields(value, actual, w, seen);
                break;
        }
    }

    private static void WritePrimitive(object value, BinaryWriter w)
    {
        switch (value)
        {
            case bool v: w.Write(v); break;
            case byte v: w.Write(v); break;
            case sbyte v: w.Write(v); break;
            case char v: w.Write((ushort)v); break;
            case short v: w.Write(v); break;
            case ushort v: w.Write(v); break;
            case int v: w.Write(v); break;
            case uint v: w.Write(v); break;
            case long v: w.Write(v); break;
            case ulong v: w.Write(v); break;
            case float v: w.Write(BitConverter.SingleToInt32Bits(v)); break; // every NaN payload as it is
            case double v: w.Write(BitConverter.DoubleToInt64Bits(v)); break;
            default: throw new NotSupportedException($"state walker: primitive {value.GetType()}");
        }
    }

    private static void ReadFields(object obj, Type type, BinaryReader r, List<object> loaded)
    {
        foreach (FieldInfo f in FieldsOf(type))
        {
            object? current = f.GetValue(obj);
            object? value = ReadValue(f.FieldType, current, r, loaded);
            if (!ReferenceEquals(current, value) || f.FieldType.IsValueType)
            {
                f.SetValue(obj, value);
            }
        }
    }

    private static object? ReadValue(Type type, object? current, BinaryReader r, List<object> loaded)
    {
        if (type.IsEnum)
        {
            return Enum.ToObject(type, ReadPrimitive(Enum.GetUnderlyingType(type), r));
        }

        if (type.IsPrimitive)
        {
            return ReadPrimitive(type, r);
        }

        if (Nullable.GetUnderlyingType(type) is Type inner)
        {
            return r.ReadBoolean() ? ReadValue(inner, current, r, loaded) : null;
        }

        if (type.IsValueType)
        {
            object box = current ?? RuntimeHelpers.GetUninitializedObject(type);
            ReadFields(box, type, r, loaded);
            return box;
        }

        byte tag = r.ReadByte();
        switch (tag)
        {
            case Null:
                return null;
            case SeenObject:
                int index = r.ReadInt32();
                return index < loaded.Count ? loaded[index] : throw new InvalidDataException($"state: reference to object {index} of {loaded.Count}");
            case NewObject:
                break;
            default:
                throw new InvalidDataException($"state: tag {tag} where an object reference belongs: the state does not fit this engine");
        }

        string typeName = r.ReadString();
        Type actual = Type.GetType(typeName, throwOnError: false) ?? throw new InvalidDataException($"state: type {typeName} unknown to this build");
        if (!type.IsAssignableFrom(actual))
        {
            throw new InvalidDataException($"state: {actual} where a {type} belongs: the state does not fit this engine");
        }

        if (actual == typeof(string))
        {
            string s = r.ReadString();
            loaded.Add(s);
            return s;
        }

        if (actual.IsArray)
        {
            int length = r.ReadInt32();
            Type element = actual.GetElementType()!;
            Array array = current is Array a && a.GetType() == actual && a.Length == length ? a : Array.CreateInstance(element, length);
            loaded.Add(array);
            for (int i = 0; i < length; i++)
            {
                object? existing = array.GetValue(i);
                object? value = ReadValue(element, existing, r, loaded);
                if (!ReferenceEquals(existing, value) || element.IsValueType)
                {
                    array.SetValue(value, i);
                }
            }

            return array;
        }

        object target = current is not null && current.GetType() == actual ? current : RuntimeHelpers.GetUninitializedObject(actual);
        loaded.Add(target);
        ReadFields(target, actual, r, loaded);
        return target;
    }

    private static object ReadPrimitive(Type type, BinaryReader r) => Type.GetTypeCode(type) switch
    {
        TypeCode.Boolean => r.ReadBoolean(),
        TypeCode.Byte => r.ReadByte(),
        TypeCode.SByte => r.ReadSByte(),
        TypeCode.Char => (char)r.ReadUInt16(),
        TypeCode.Int16 => r.ReadInt16(),
        TypeCode.UInt16 => r.ReadUInt16(),
        TypeCode.Int32 => r.ReadInt32(),
        TypeCode.UInt32 => r.ReadUInt32(),
        TypeCode.Int64 => r.ReadInt64(),
        TypeCode.UInt64 => r.ReadUInt64(),
        TypeCode.Single => BitConverter.Int32BitsToSingle(r.ReadInt32()),
        TypeCode.Double => BitConverter.Int64BitsToDouble(r.ReadInt64()),
        _ => throw new NotSupportedException($"state walker: primitive {type}"),
    };
}
