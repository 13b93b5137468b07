//! Languages and the UI message catalog. Every screen string lives here, in both languages; the
//! `messages!` macro makes a missing translation a compile error.

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Lang {
    #[default]
    En,
    Ja,
}

impl Lang {
    pub const ALL: [Lang; 2] = [Lang::En, Lang::Ja];

    pub const fn code(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Ja => "ja",
        }
    }

    /// The language's own name, for the language switch.
    pub const fn native_name(self) -> &'static str {
        match self {
            Lang::En => "English",
            Lang::Ja => "日本語",
        }
    }

    pub fn from_code(code: &str) -> Option<Lang> {
        match code {
            "en" => Some(Lang::En),
            "ja" => Some(Lang::Ja),
            _ => None,
        }
    }

    /// Picks our language from a browser's preference list (`navigator.languages`): the first tag whose
    /// primary subtag we ship wins; English otherwise.
    pub fn from_browser<'a>(tags: impl IntoIterator<Item = &'a str>) -> Lang {
        tags.into_iter()
            .find_map(|t| Lang::from_code(&t.split(['-', '_']).next().unwrap_or("").to_ascii_lowercase()))
            .unwrap_or_default()
    }
}

macro_rules! messages {
    ($($name:ident => $en:expr, $ja:expr;)*) => {
        /// A UI string. `Msg::X.text(lang)` gives it in the chosen language.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub enum Msg { $($name),* }

        impl Msg {
            pub const ALL: &'static [Msg] = &[$(Msg::$name),*];

            pub const fn text(self, lang: Lang) -> &'static str {
                match (self, lang) {
                    $((Msg::$name, Lang::En) => $en, (Msg::$name, Lang::Ja) => $ja,)*
                }
            }
        }
    };
}

messages! {
    AppName => "Registry Doctor", "Registry Doctor";
    Tagline => "Troubleshoot the GitLab container registry. Everything runs in your browser: nothing you paste leaves this page.",
        "GitLab コンテナレジストリのトラブルシューティング。処理はすべてブラウザ内で行われ、貼り付けた内容がこのページの外に送られることはありません。";
    SkipToContent => "Skip to content", "本文へスキップ";
    NavHome => "Home", "ホーム";
    NavGuided => "Guided diagnosis", "ガイド付き診断";
    NavAll => "All problems", "問題の一覧";
    LanguageLabel => "Language", "言語";
    PasteLabel => "Paste an error message, a CI job log or a manifest", "エラーメッセージ、CI ジョブのログ、またはマニフェストを貼り付けてください";
    PasteHint => "For example the output of a failed docker push, or the whole job log.", "たとえば失敗した docker push の出力や、ジョブのログ全体です。";
    PasteEmpty => "Paste something above to get a diagnosis.", "上の欄に貼り付けると診断が表示されます。";
    NoMatch => "Nothing in this text matches a known registry problem.", "このテキストには、既知のレジストリの問題に当てはまるものが見つかりませんでした。";
    TryGuided => "Answer a few questions instead", "質問に答えて診断する";
    GuidedIntro => "Not sure what to paste? Answer a few questions and we will narrow it down.", "何を貼り付ければよいかわからない場合は、いくつかの質問に答えて原因を絞り込めます。";
    StartGuided => "Start the guided diagnosis", "ガイド付き診断を始める";
    Back => "Back", "戻る";
    Restart => "Start over", "最初からやり直す";
    Breadcrumbs => "Your answers", "これまでの回答";
    WhatHappened => "What happened", "何が起きたか";
    Causes => "Possible causes", "考えられる原因";
    AskYourself => "Tells it apart:", "見分け方：";
    Fix => "How to fix it", "解決方法";
    AppliesTo => "Applies to", "対象";
    Related => "Related problems", "関連する問題";
    Sources => "Sources", "出典";
    Values => "Your values", "あなたの値";
    ValuesHint => "Commands below fill in as you type. Values stay in the link, never tokens.", "入力するとコマンドに反映されます。値はリンクに含まれますが、トークンは含まれません。";
    Copy => "Copy", "コピー";
    Copied => "Copied", "コピーしました";
    ShareLink => "Link to this page with these values", "この値を含むこのページへのリンク";
    SetEnvFirst => "Set these environment variables first (never paste a token into a command):", "先に次の環境変数を設定してください（トークンをコマンドに直接書かないでください）：";
    FillPlaceholders => "Fill in the values marked <…> above before running this.", "実行する前に、上の <…> で示された値を入力してください。";
    AudienceUser => "Users", "ユーザー";
    AudienceAdmin => "Administrators of a self-managed instance", "セルフマネージドインスタンスの管理者";
    PlatformAny => "GitLab.com and self-managed", "GitLab.com とセルフマネージド";
    PlatformCom => "GitLab.com", "GitLab.com";
    PlatformSelf => "Self-managed GitLab", "セルフマネージド GitLab";
    NotFoundTitle => "Page not found", "ページが見つかりません";
    NotFoundBody => "This link does not lead to anything we know. It may be damaged or come from a newer version.", "このリンク先は見つかりませんでした。リンクが壊れているか、新しいバージョンのものかもしれません。";
    LinkNotice => "The link could not be read completely; some values were ignored.", "リンクを完全には読み取れなかったため、一部の値を無視しました。";
    CrashTitle => "Registry Doctor stopped working", "Registry Doctor が動作を停止しました";
    CrashBody => "Something went wrong inside the page. Reload it to start again; the details below help us fix it.", "ページ内部で問題が発生しました。再読み込みするとやり直せます。下の詳細は修正の手がかりになります。";
    Reload => "Reload", "再読み込み";
    AllProblemsTitle => "All documented problems", "記載されているすべての問題";
    Confidence => "Confidence", "確からしさ";
    Evidence => "Evidence", "根拠";
    LineN => "line", "行";
    FoundValues => "Values found in your text", "テキストから見つかった値";
    Diagnoses => "Diagnoses", "診断結果";
    OpenDiagnosis => "Open the fix", "解決方法を開く";
    ChooseFile => "Or choose a log file (you can also drop it here):", "またはログファイルを選択（ここにドロップすることもできます）：";
    WholeScript => "The whole script", "スクリプト全体";
    StepWord => "Step", "手順";
    CheckAgainstGitlab => "Check this against your GitLab: token scopes, your role, the registry settings, tags and rules.", "この内容をあなたの GitLab で確認できます：トークンのスコープ、ロール、レジストリの設定、タグとルール。";
    ValueImage => "Image", "イメージ";
    ValueHttpStatus => "HTTP status", "HTTP ステータス";
    ValueClient => "Client", "クライアント";
    ValueClientVersion => "Client version", "クライアントのバージョン";
    ValueRunnerVersion => "GitLab Runner version", "GitLab Runner のバージョン";
    ValueGitlabHost => "GitLab host", "GitLab のホスト";
    ValueJobName => "CI job", "CI ジョブ";
    ValueCiStage => "Pipeline stage", "パイプラインのステージ";
    ValueJobStage => "Job step", "ジョブのステップ";
    FromYourOrganization => "from your organization", "組織独自の項目";
    OrganizationEntries => "Your organization's entries", "組織独自の項目";
    TaskTitle => "Guided task", "ガイド付き作業";
    TasksIntro => "Risky jobs, done step by step with a script for your names.", "注意が必要な作業を、あなたの名前に合わせたスクリプトで順を追って進めます。";
    NavTasks => "Tasks", "作業";
    Choose => "Choose", "選択";
    ReadingFile => "Reading the file", "ファイルを読み込み中";
    Analyzing => "Analyzing", "解析中";
    Cancel => "Cancel", "キャンセル";
    ReadCancelled => "Reading the file was cancelled.", "ファイルの読み込みをキャンセルしました。";
    ReadFailed => "The file could not be read.", "ファイルを読み込めませんでした。";
    NotAllText => "Part of this input is not text (binary data or another encoding). The readable parts were analyzed.", "入力の一部がテキストではありません（バイナリデータまたは別の文字コード）。読み取れた部分を解析しました。";
    Scanned => "Scanned", "解析済み";
    LinesWord => "lines", "行";
    LooksLikeManifest => "This looks like a manifest.", "これはマニフェストのようです。";
    OpenManifest => "Check it with the manifest analyzer", "マニフェスト解析で確認する";
    LooksLikeReference => "This looks like an image name.", "これはイメージ名のようです。";
    OpenNameCheck => "Check it with the name checker", "名前チェッカーで確認する";
    High => "high", "高";
    Medium => "medium", "中";
    Low => "low", "低";
    // Manifest page (#/manifest).
    NavManifest => "Check a manifest", "マニフェストの確認";
    ManifestTitle => "Check a manifest", "マニフェストを確認する";
    ManifestIntro => "Paste what `docker manifest inspect`, `crane manifest`, `skopeo inspect --raw` or `regctl manifest get` printed, or drop a file. It is checked as you type, in your browser.",
        "`docker manifest inspect`、`crane manifest`、`skopeo inspect --raw`、`regctl manifest get` の出力を貼り付けるか、ファイルをドロップしてください。入力するたびにブラウザ内で確認します。";
    ManifestLabel => "Manifest (JSON)", "マニフェスト（JSON）";
    ManifestChooseFile => "Or choose a manifest file (you can also drop it here):", "またはマニフェストのファイルを選択（ここにドロップすることもできます）：";
    ManifestEmpty => "Paste a manifest above to check it.", "上の欄にマニフェストを貼り付けると確認結果が表示されます。";
    ManifestNotJson => "No JSON document found", "JSON ドキュメントが見つかりません";
    ManifestKind => "Kind", "種類";
    ManifestValid => "Valid: no errors", "有効：エラーはありません";
    ManifestInvalid => "Not valid: it has errors", "無効：エラーがあります";
    ManifestUnknownWhy => "Why unknown:", "不明な理由：";
    DigestExact => "sha256 of the exact text (what the registry computes when these bytes are pushed)", "このテキストそのものの sha256（このバイト列をプッシュしたときにレジストリが計算する値）";
    DigestCanonical => "sha256 of the compact form (what tools that re-serialize produce)", "空白を除いた形の sha256（JSON を書き直すツールが生成する値）";
    CopyDigest => "Copy the digest", "ダイジェストをコピー";
    Findings => "Findings", "指摘事項";
    NoFindings => "Nothing to report.", "指摘事項はありません。";
    SeverityError => "Error", "エラー";
    SeverityWarning => "Warning", "警告";
    SeverityInfo => "Note", "情報";
    ColumnN => "column", "列";
    ShowInText => "Show in the text", "テキスト内の位置へ";
    GoToFinding => "Go to the finding", "指摘事項へ移動";
    ManifestText => "The text, with the findings marked", "指摘箇所に印を付けたテキスト";
    PlatformsTitle => "Platforms", "プラットフォーム";
    ColOs => "OS", "OS";
    ColArch => "Architecture", "アーキテクチャ";
    ColVariant => "Variant", "バリアント";
    ColOsVersion => "OS version", "OS バージョン";
    ColSize => "Size (bytes)", "サイズ（バイト）";
    ColDigest => "Digest", "ダイジェスト";
    ColAttestation => "Attestation", "アテステーション";
    Yes => "yes", "はい";
    No => "no", "いいえ";
    MissingPlatforms => "Missing platforms (runners and laptops ask for these):", "不足しているプラットフォーム（Runner や手元の PC が要求します）：";
    NoMissingPlatforms => "Both linux/amd64 and linux/arm64 are present.", "linux/amd64 と linux/arm64 の両方があります。";
    FixFromManifest => "Fix commands, filled with what the manifest shows", "マニフェストの内容を反映した解決コマンド";
    // Name page (#/name).
    NavName => "Check a name", "名前の確認";
    NameTitle => "Check an image name, tag or path", "イメージ名・タグ・パスを確認する";
    NameIntro => "Type a name to check it against the reference grammar and GitLab's path rules as you type.", "入力した名前を、参照の文法と GitLab のパスのルールに照らして、入力するたびに確認します。";
    NameLabel => "Name", "名前";
    NameKindLabel => "What it is", "名前の種類";
    KindReference => "Full image reference", "イメージの完全な参照";
    KindHost => "Registry host[:port]", "レジストリのホスト[:ポート]";
    KindProjectPath => "Group or project path", "グループまたはプロジェクトのパス";
    KindImagePath => "Image path below the project", "プロジェクト配下のイメージのパス";
    KindTag => "Tag", "タグ";
    KindBranch => "Branch name used as a tag", "タグとして使うブランチ名";
    KindDigest => "Digest", "ダイジェスト";
    NameEmpty => "Type a name above to check it.", "上の欄に名前を入力すると確認結果が表示されます。";
    NameValid => "This name is valid.", "この名前は有効です。";
    NameValidWithWarnings => "This name is valid, but:", "この名前は有効ですが、次の点に注意してください：";
    NameInvalid => "This name breaks these rules:", "この名前は次のルールに違反しています：";
    Position => "Position", "位置";
    EndOfName => "end of the name", "名前の末尾";
    Suggestion => "Suggested name", "修正案";
    Hints => "Hints", "ヒント";
    NamingEntries => "Naming problems explained", "名前に関する問題の解説";
    MoreFindings => "more findings are not listed (the most severe come first).", "件の指摘事項は表示していません（重大なものから順に表示しています）。";
    MorePlatforms => "more entries are not shown.", "件のエントリは表示していません。";
    ManifestFileTooLarge => "This file is larger than 8 MB: not a manifest (registries accept 4 MB at most).", "このファイルは 8 MB を超えているため、マニフェストではありません（レジストリが受け付けるのは最大 4 MB です）。";
    SecretGitlabToken => "GitLab token", "GitLab トークン";
    SecretRunnerRegistrationToken => "Runner registration token", "Runner 登録トークン";
    SecretJwt => "JSON Web Token (JWT)", "JSON Web Token（JWT）";
    SecretAwsAccessKey => "AWS access key ID", "AWS アクセスキー ID";
    SecretAwsSecretKey => "AWS secret access key", "AWS シークレットアクセスキー";
    SecretLoginPassword => "Password given to a login command", "ログインコマンドに渡されたパスワード";
    SecretUserPassword => "Password in user:password credentials", "user:password 形式の認証情報のパスワード";
    SecretAuthorizationHeader => "Authorization header", "Authorization ヘッダー";
    SecretTokenHeader => "Token header (PRIVATE-TOKEN, JOB-TOKEN)", "トークンヘッダー（PRIVATE-TOKEN、JOB-TOKEN）";
    SecretDockerConfigAuth => "auth field of a Docker config.json", "Docker の config.json の auth フィールド";
    SecretUrlPassword => "Password in a URL", "URL 内のパスワード";
    SecretAssignment => "Token, password or secret variable", "トークン・パスワード・シークレットの変数";
    RedactedList => "Removed from the text before it went into the link:", "リンクに含める前にテキストから削除したもの：";
    IncludePaste => "Include the pasted text in the link (secrets are removed first)", "貼り付けたテキストをリンクに含める（先に秘密情報を削除します）";
    PasteTooLarge => "The pasted text is too large for a link, even compressed. Share the diagnosis link without it.", "貼り付けたテキストは圧縮してもリンクに入りきりません。テキストなしで診断のリンクを共有してください。";
    CopyMarkdown => "Copy as Markdown", "Markdown としてコピー";
    OpenInRegistryDoctor => "Open in Registry Doctor", "Registry Doctor で開く";
    PresetsInvalid => "The portal settings file registry-doctor.json has a problem, so the page runs on its defaults:", "ポータル設定ファイル registry-doctor.json に問題があるため、既定の設定で動作しています：";
    PresetNotJson => "not valid JSON", "JSON として正しくありません";
    PresetUnknownField => "unknown field", "不明なフィールドです";
    PresetMissingField => "required field is missing", "必須のフィールドがありません";
    PresetWrongType => "wrong type", "型が正しくありません";
    PresetBadLanguage => "must be \"en\" or \"ja\"", "\"en\" または \"ja\" を指定してください";
    PresetEmpty => "must not be empty", "空にはできません";
    PresetNotHttps => "must be an https:// URL", "https:// の URL を指定してください";
    PresetBadId => "must be a lowercase slug ([a-z0-9-]) not used by another entry", "他のエントリーと重複しない小文字のスラッグ（[a-z0-9-]）を指定してください";
    LoadingApp => "Loading the analyzer", "解析機能を読み込んでいます";
    LoadFailed => "The rest of Registry Doctor could not be loaded. Check your connection and try again; if the site was just updated, reload the page.",
        "Registry Doctor の残りの部分を読み込めませんでした。接続を確認して、もう一度お試しください。サイトが更新された直後の場合は、ページを再読み込みしてください。";
    Retry => "Try again", "再試行";
    PresetUnknownRef => "refers to something that does not exist", "存在しないものを参照しています";
    NavSetup => "Check my setup", "設定を確認";
    SetupTitle => "Check my setup", "設定を確認する";
    SetupIntro => "Read-only checks against your GitLab's REST API, straight from this page: only GET requests, nothing is changed. Results link to the fix with your values filled in.", "このページから GitLab の REST API に読み取り専用のチェックを行います。送るのは GET リクエストだけで、何も変更しません。結果から、値が入った解決方法に進めます。";
    SetupGitlabUrl => "GitLab URL", "GitLab の URL";
    SetupProject => "Project path", "プロジェクトのパス";
    SetupTarget => "Project whose images this project's CI jobs pull (optional)", "このプロジェクトの CI ジョブがイメージをプルするプロジェクト（任意）";
    SetupToken => "Access token (optional)", "アクセストークン（任意）";
    SetupTokenHint => "A personal, project or group access token with read_api (to read settings) and the registry scopes you use. It stays in this tab's memory only: never in the link, storage or copied text.", "設定を読むための read_api と、使っているレジストリのスコープを持つ個人・プロジェクト・グループのアクセストークン。このタブのメモリーにだけ保持され、リンク・ストレージ・コピーしたテキストには入りません。";
    SetupForgetToken => "Forget the token", "トークンを消去";
    SetupRun => "Run the checks", "チェックを実行";
    SetupCancel => "Cancel", "キャンセル";
    SetupRunning => "Checking… requests sent:", "確認中… 送信したリクエスト：";
    SetupConfirm => "This GitLab address came from a link or a pasted text, not from you. Send the requests (and your token, if given) to it?", "この GitLab のアドレスは、あなたが入力したものではなく、リンクや貼り付けたテキストから取ったものです。リクエスト（と、指定していればトークン）をここに送りますか？";
    SetupConfirmYes => "Yes, this is my GitLab", "はい、私の GitLab です";
    SetupPass => "pass", "問題なし";
    SetupProblem => "problem", "問題あり";
    SetupCouldNot => "could not check", "確認できず";
    SetupOpenFix => "Open the fix", "解決方法を開く";
    SetupSeeAlso => "Good to know", "参考";
    SetupTagList => "Every repository and tag, as the transfer task reads them (paste into its tag list):", "すべてのリポジトリとタグ（transfer 作業のタグ一覧に貼り付けてください）：";
    SetupOpenTransfer => "Open the transfer task", "transfer 作業を開く";
    SetupBlocked => "The browser did not let this page reach GitLab. The page's Content-Security-Policy must allow it in connect-src:", "ブラウザーがこのページから GitLab への接続を許可しませんでした。ページの Content-Security-Policy の connect-src で次を許可する必要があります：";
    SetupBlockedCors => "If it is allowed there, GitLab (or a proxy in front of it) did not send CORS headers for /api/v4.", "許可済みの場合は、GitLab（またはその前段のプロキシ）が /api/v4 に CORS ヘッダーを返していません。";
}
