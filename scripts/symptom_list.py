"""Print id, name and description of every symptom (no aliases or cues): for writing test sentences blind."""

from advisor.knowledge import load_knowledge, validate_knowledge

problems, _ = validate_knowledge()
if problems:
    # partial knowledge while authors are writing: read the YAML directly
    import glob

    import yaml

    for path in sorted(glob.glob("knowledge/symptoms/*.yaml")):
        for s in (yaml.safe_load(open(path)) or {}).get("symptoms", []):
            print(f"{s['id']}\t{s['name']}\t{s.get('description', '')}")
else:
    for s in load_knowledge().symptoms.values():
        print(f"{s.id}\t{s.name}\t{s.description}")
