//! Deployment files checked without a Docker engine (none runs on CI):
//! docker-compose.yml is parsed as YAML and checked for the structure the
//! operator guide relies on; the Dockerfile for multi-stage and non-root;
//! and every CALDICOTT_* variable they set is one the config reads.

use std::path::{Path, PathBuf};

use yaml_rust2::{Yaml, YamlLoader};

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn compose() -> Yaml {
    let text = std::fs::read_to_string(root().join("docker-compose.yml")).unwrap();
    let mut docs = YamlLoader::load_from_str(&text).expect("docker-compose.yml is valid YAML");
    assert_eq!(docs.len(), 1, "one YAML document");
    docs.remove(0)
}

fn keys(y: &Yaml) -> Vec<String> {
    y.as_hash()
        .map(|h| {
            h.keys()
                .filter_map(|k| k.as_str().map(String::from))
                .collect()
        })
        .unwrap_or_default()
}

fn strings(y: &Yaml) -> Vec<String> {
    y.as_vec()
        .map(|v| {
            v.iter()
                .filter_map(|s| s.as_str().map(String::from))
                .collect()
        })
        .unwrap_or_default()
}

/// Keys Compose accepts at the top level and in a service (the subset of the
/// Compose specification this file may use); a typo fails the test.
const TOP_LEVEL: &[&str] = &[
    "services", "volumes", "secrets", "networks", "configs", "name",
];
const SERVICE_KEYS: &[&str] = &[
    "image",
    "build",
    "restart",
    "environment",
    "volumes",
    "ports",
    "healthcheck",
    "depends_on",
    "secrets",
    "user",
    "read_only",
    "stop_grace_period",
    "command",
    "entrypoint",
    "networks",
    "expose",
    "tmpfs",
    "cap_drop",
    "security_opt",
    "profiles",
];

#[test]
fn compose_file_has_the_documented_shape() {
    let c = compose();
    for k in keys(&c) {
        assert!(
            TOP_LEVEL.contains(&k.as_str()),
            "unknown top-level key `{k}`"
        );
    }
    let services = &c["services"];
    let names = keys(services);
    assert!(
        names.contains(&"synapse".into()) && names.contains(&"caldicott".into()),
        "{names:?}"
    );
    for name in &names {
        for k in keys(&services[name.as_str()]) {
            assert!(
                SERVICE_KEYS.contains(&k.as_str()),
                "service {name}: unknown key `{k}`"
            );
        }
        assert!(
            services[name.as_str()]["image"].as_str().is_some()
                || !services[name.as_str()]["build"].is_badvalue(),
            "service {name} has neither image nor build"
        );
    }

    let bot = &services["caldicott"];
    assert_eq!(
        bot["build"].as_str(),
        Some("."),
        "built from this repository's Dockerfile"
    );
    // Non-root and a read-only root file system.
    let user = bot["user"]
        .as_str()
        .expect("caldicott runs as an explicit user");
    assert!(!user.starts_with("0") && user != "root", "non-root: {user}");
    assert_eq!(bot["read_only"].as_bool(), Some(true));
    // The data directory is a named volume; the config is mounted read-only.
    let volumes = strings(&bot["volumes"]);
    assert!(
        volumes.iter().any(|v| v == "caldicott-data:/data"),
        "{volumes:?}"
    );
    assert!(
        volumes
            .iter()
            .any(|v| v.ends_with(":/config/caldicott.toml:ro")),
        "{volumes:?}"
    );
    assert!(
        keys(&c["volumes"]).contains(&"caldicott-data".into()),
        "named volume declared"
    );
    // Every port is published on the host's loopback only.
    for (name, svc) in names.iter().map(|n| (n, &services[n.as_str()])) {
        for p in strings(&svc["ports"]) {
            assert!(
                p.starts_with("127.0.0.1:"),
                "service {name} publishes {p} beyond loopback"
            );
        }
    }
    // Startup order: the bot waits for a healthy homeserver.
    assert_eq!(
        bot["depends_on"]["synapse"]["condition"].as_str(),
        Some("service_healthy")
    );
    assert!(!services["synapse"]["healthcheck"].is_badvalue());
}

#[test]
fn compose_secrets_come_from_files_and_are_declared() {
    let c = compose();
    let bot = &c["services"]["caldicott"];
    let declared = keys(&c["secrets"]);
    for s in strings(&bot["secrets"]) {
        assert!(declared.contains(&s), "secret {s} used but not declared");
        assert!(
            c["secrets"][s.as_str()]["file"].as_str().is_some(),
            "secret {s} from a file"
        );
    }
    let env = bot["environment"].as_hash().expect("environment as a map");
    let source = std::fs::read_to_string(root().join("bots/caldicott/src/config.rs")).unwrap();
    for (k, v) in env {
        let (k, v) = (k.as_str().unwrap(), v.as_str().unwrap_or_default());
        // No secret value in the compose file: secrets are *_FILE paths under /run/secrets.
        let secretish = ["PASSWORD", "TOKEN", "PASSPHRASE"]
            .iter()
            .any(|s| k.contains(s));
        if secretish {
            assert!(k.ends_with("_FILE"), "{k} must be given as a file");
            assert!(v.starts_with("/run/secrets/"), "{k} = {v}");
            let secret = v.trim_start_matches("/run/secrets/");
            assert!(
                strings(&bot["secrets"]).contains(&secret.to_string()),
                "{k} names undeclared secret {secret}"
            );
        }
        // Every variable is one the config actually reads.
        if let Some(name) = k.strip_prefix("CALDICOTT_") {
            let base = name.strip_suffix("_FILE").unwrap_or(name);
            assert!(
                source.contains(&format!("\"CALDICOTT_{base}\"")),
                "{k} is not read by bots/caldicott/src/config.rs"
            );
        }
    }
}

#[test]
fn dockerfile_is_multi_stage_non_root_with_a_data_volume() {
    let text = std::fs::read_to_string(root().join("Dockerfile")).unwrap();
    let froms = text.lines().filter(|l| l.starts_with("FROM ")).count();
    assert!(froms >= 2, "multi-stage");
    let user = text
        .lines()
        .rev()
        .find(|l| l.starts_with("USER "))
        .expect("a USER line");
    let who = user.trim_start_matches("USER ").trim();
    assert!(
        !who.starts_with('0') && who != "root",
        "final stage runs as {who}"
    );
    assert!(text.contains("VOLUME [\"/data\"]"));
    assert!(text.contains("\"run\", \"--config\""));
    // The toolchain matches the workspace's rust-version.
    let cargo = std::fs::read_to_string(root().join("Cargo.toml")).unwrap();
    let msrv = cargo
        .lines()
        .find_map(|l| l.strip_prefix("rust-version = "))
        .unwrap()
        .trim_matches('"');
    assert!(
        text.contains(&format!("FROM rust:{msrv}")),
        "builder image is rust:{msrv}"
    );
    let ignore = std::fs::read_to_string(root().join(".dockerignore")).unwrap();
    for must in ["target", "deploy", ".git"] {
        assert!(
            ignore.lines().any(|l| l.trim() == must),
            ".dockerignore lacks {must}"
        );
    }
}
