//! The etcd backend over TLS with client-certificate authentication.

mod support;

use std::time::Duration;

use bytes::Bytes;
use capstan_store::etcd::{EtcdOptions, EtcdTls};
use capstan_store::Store;
use rcgen::{
    BasicConstraints, CertificateParams, CertifiedIssuer, ExtendedKeyUsagePurpose, IsCa, KeyPair,
    SanType,
};
use support::etcd::{EtcdProcess, TlsSetup};

fn make_certs(dir: &std::path::Path) -> TlsSetup {
    let mut ca_params = CertificateParams::new(Vec::<String>::new()).expect("ca params");
    ca_params.is_ca = IsCa::Ca(BasicConstraints::Unconstrained);
    let ca = CertifiedIssuer::self_signed(ca_params, KeyPair::generate().expect("ca key"))
        .expect("ca cert");

    let mut server = CertificateParams::new(vec!["localhost".to_string()]).expect("server params");
    server
        .subject_alt_names
        .push(SanType::IpAddress("127.0.0.1".parse().expect("ip")));
    server.extended_key_usages = vec![
        ExtendedKeyUsagePurpose::ServerAuth,
        ExtendedKeyUsagePurpose::ClientAuth,
    ];
    let server_key = KeyPair::generate().expect("server key");
    let server_cert = server.signed_by(&server_key, &ca).expect("server cert");

    let mut client = CertificateParams::new(vec!["capstan".to_string()]).expect("client params");
    client.extended_key_usages = vec![ExtendedKeyUsagePurpose::ClientAuth];
    let client_key = KeyPair::generate().expect("client key");
    let client_cert = client.signed_by(&client_key, &ca).expect("client cert");

    let write = |name: &str, pem: String| {
        let path = dir.join(name);
        std::fs::write(&path, pem).expect("write pem");
        path
    };
    TlsSetup {
        server_cert: write("server.pem", server_cert.pem()),
        server_key: write("server-key.pem", server_key.serialize_pem()),
        ca: write("ca.pem", ca.pem()),
        client: EtcdTls {
            ca_pem: Some(ca.pem().into_bytes()),
            client_cert_pem: Some(client_cert.pem().into_bytes()),
            client_key_pem: Some(client_key.serialize_pem().into_bytes()),
            domain_name: None,
        },
    }
}

#[tokio::test]
async fn etcd_over_tls_with_client_certificates() {
    let dir = tempfile::tempdir().expect("tempdir");
    let tls = make_certs(dir.path());
    let etcd = EtcdProcess::start_tls(&tls).await;
    assert!(etcd.endpoint.starts_with("https://"));

    let store = etcd
        .connect()
        .await
        .expect("connect with client certificate");
    let rev = store
        .put("/tls/a", Bytes::from_static(b"1"))
        .await
        .expect("put over TLS");
    assert_eq!(
        store
            .get("/tls/a")
            .await
            .expect("get")
            .map(|kv| kv.mod_revision),
        Some(rev)
    );

    // Without a client certificate etcd refuses the connection.
    let no_cert = EtcdOptions {
        tls: Some(EtcdTls {
            client_cert_pem: None,
            client_key_pem: None,
            ..tls.client.clone()
        }),
        connect_timeout: Some(Duration::from_secs(5)),
        request_timeout: Some(Duration::from_secs(5)),
        ..Default::default()
    };
    let refused = match etcd.connect_with(no_cert).await {
        Err(_) => true,
        Ok(store) => store.get("/tls/a").await.is_err(),
    };
    assert!(refused, "etcd accepted a client without a certificate");
}
