<?xml version='1.0' encoding='utf-8'?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>hrtem::ui::AnalysisDocument</name>
    <message>
        <source>There is no finished analysis to correct.</source>
        <translation>没有可修正的已完成分析。</translation>
    </message>
</context>
<context>
    <name>hrtem::ui::AnalysisOverlay</name>
    <message>
        <source>Column %1</source>
        <translation>原子柱 %1</translation>
    </message>
    <message>
        <source>position (%1, %2) px</source>
        <translation>位置 (%1, %2) 像素</translation>
    </message>
    <message>
        <source>σ %1 × %2 px (1σ error %3 × %4 px)</source>
        <translation>σ %1 × %2 像素（1σ 误差 %3 × %4 像素）</translation>
    </message>
    <message>
        <source>coordination %1, %2</source>
        <translation>配位数 %1，%2</translation>
    </message>
    <message>
        <source>track %1</source>
        <translation>轨迹 %1</translation>
    </message>
    <message>
        <source>not tracked</source>
        <translation>未跟踪</translation>
    </message>
    <message>
        <source>coordination %1</source>
        <translation>配位数 %1</translation>
    </message>
    <message>
        <source>1σ error ×%1</source>
        <translation>1σ 误差 ×%1</translation>
    </message>
    <message>
        <source>bonds</source>
        <translation>键</translation>
    </message>
    <message>
        <source>track tails (%1 frames)</source>
        <translation>轨迹尾迹（%1 帧）</translation>
    </message>
    <message>
        <source>twin boundary</source>
        <translation>孪晶界</translation>
    </message>
    <message>
        <source>particle outline</source>
        <translation>颗粒轮廓</translation>
    </message>
    <message>
        <source>edited by hand</source>
        <translation>手动编辑</translation>
    </message>
    <message>
        <source>Restoration not supported by the raw data (support %1)</source>
        <translation>复原结果缺乏原始数据支持（支持度 %1）</translation>
    </message>
</context>
<context>
    <name>hrtem::ui::AnalysisPanel</name>
    <message>
        <source>Run</source>
        <translation>运行</translation>
    </message>
    <message>
        <source>Analyse the open stack with these parameters</source>
        <translation>用这些参数分析当前图像栈</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Stop after the current frame; the frames already finished are kept</source>
        <translation>在当前帧之后停止；保留已完成的帧</translation>
    </message>
    <message>
        <source>Defaults</source>
        <translation>默认值</translation>
    </message>
    <message>
        <source>Reset every parameter to its default (the frame range is kept)</source>
        <translation>将所有参数恢复为默认值（保留帧范围）</translation>
    </message>
    <message>
        <source>Load…</source>
        <translation>载入…</translation>
    </message>
    <message>
        <source>Load parameters from a settings file (hrtem analyze --config) or a summary.json</source>
        <translation>从设置文件（hrtem analyze --config）或 summary.json 载入参数</translation>
    </message>
    <message>
        <source>Save…</source>
        <translation>保存…</translation>
    </message>
    <message>
        <source>Save these parameters as a settings file for hrtem analyze --config</source>
        <translation>将这些参数保存为 hrtem analyze --config 的设置文件</translation>
    </message>
    <message>
        <source>Copy command line</source>
        <translation>复制命令行</translation>
    </message>
    <message>
        <source>Put the hrtem analyze command that runs this analysis on the clipboard</source>
        <translation>将运行此分析的 hrtem analyze 命令复制到剪贴板</translation>
    </message>
    <message>
        <source>Progress of the whole analysis</source>
        <translation>整个分析的进度</translation>
    </message>
    <message>
        <source>What the analysis did and decided, with times</source>
        <translation>分析所做的工作和决定，附时间</translation>
    </message>
    <message>
        <source>The analysis log appears here</source>
        <translation>分析日志显示在这里</translation>
    </message>
    <message>
        <source>Localizing frames</source>
        <translation>正在定位各帧</translation>
    </message>
    <message>
        <source>Tracking columns</source>
        <translation>正在跟踪原子柱</translation>
    </message>
    <message>
        <source>Recognising behaviours</source>
        <translation>正在识别行为</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>完成</translation>
    </message>
    <message>
        <source>%1 s</source>
        <translation>%1 秒</translation>
    </message>
    <message>
        <source>%1 min %2 s</source>
        <translation>%1 分 %2 秒</translation>
    </message>
    <message>
        <source>%1 h %2 min</source>
        <translation>%1 小时 %2 分</translation>
    </message>
    <message>
        <source>Not running</source>
        <translation>未运行</translation>
    </message>
    <message>
        <source>%1 %</source>
        <translation>%1%</translation>
    </message>
    <message>
        <source>%1 of %2 frames</source>
        <translation>%1 / %2 帧</translation>
    </message>
    <message>
        <source>time left unknown</source>
        <translation>剩余时间未知</translation>
    </message>
    <message>
        <source>%1 left</source>
        <translation>剩余 %1</translation>
    </message>
    <message>
        <source>MOVIE</source>
        <translation>影像文件</translation>
    </message>
    <message>
        <source>RESULTS</source>
        <translation>结果文件夹</translation>
    </message>
    <message>
        <source>Command line copied: %1</source>
        <translation>已复制命令行：%1</translation>
    </message>
    <message>
        <source>Load analysis settings</source>
        <translation>载入分析设置</translation>
    </message>
    <message>
        <source>Settings (*.json);;All files (*)</source>
        <translation>设置 (*.json);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Cannot load settings</source>
        <translation>无法载入设置</translation>
    </message>
    <message>
        <source>Save analysis settings</source>
        <translation>保存分析设置</translation>
    </message>
    <message>
        <source>Settings (*.json)</source>
        <translation>设置 (*.json)</translation>
    </message>
    <message>
        <source>Cannot save settings</source>
        <translation>无法保存设置</translation>
    </message>
    <message>
        <source>The settings in “%1” were not loaded.</source>
        <translation>未载入“%1”中的设置。</translation>
    </message>
    <message>
        <source>The settings were not saved.</source>
        <translation>设置未保存。</translation>
    </message>
    <message>
        <source> frames</source>
        <translation> 帧</translation>
    </message>
    <message>
        <source> nm</source>
        <translation> nm</translation>
    </message>
    <message>
        <source> px</source>
        <translation> 像素</translation>
    </message>
    <message>
        <source> × NN</source>
        <translation> × 最近邻</translation>
    </message>
    <message>
        <source> σ</source>
        <translation> σ</translation>
    </message>
    <message>
        <source>A candidate column must stand out from the background by this many noise standard deviations (σ); 0 chooses it from each frame's noise. Raise it to drop false columns in noisy frames, lower it to find faint ones</source>
        <translation>候选原子柱须高出背景这么多个噪声标准差（σ）；0 表示由每帧的噪声自动选择。提高可去除噪声帧中的假原子柱，降低可找到较弱的原子柱</translation>
    </message>
    <message>
        <source>A track may miss a column in up to this many consecutive frames (blinking, noise) and still be continued</source>
        <translation>轨迹允许原子柱在至多这么多个连续帧中缺失（闪烁、噪声）而仍被延续</translation>
    </message>
    <message>
        <source>ABSF (background subtraction)</source>
        <translation>ABSF（背景扣除）</translation>
    </message>
    <message>
        <source>All files (*)</source>
        <translation>所有文件 (*)</translation>
    </message>
    <message>
        <source>Also accept columns of the opposite contrast where the crystal is thick (contrast reversal)</source>
        <translation>在晶体较厚处也接受相反衬度的原子柱（衬度反转）</translation>
    </message>
    <message>
        <source>Analysis stops before this frame (0-based, exclusive); at the minimum the analysis runs to the last frame of the stack</source>
        <translation>分析在此帧之前停止（从 0 开始，不含此帧）；取最小值时分析到图像栈的最后一帧</translation>
    </message>
    <message>
        <source>Atom segmenter (neural network)</source>
        <translation>原子分割网络（神经网络）</translation>
    </message>
    <message>
        <source>Atom segmenter weights file (.safetensors, from hrtem train seg); leave empty for the network shipped with HRTEM Studio</source>
        <translation>原子分割网络权重文件（.safetensors，由 hrtem train seg 生成）；留空则使用 HRTEM Studio 随附的网络</translation>
    </message>
    <message>
        <source>Automatic</source>
        <translation>自动</translation>
    </message>
    <message>
        <source>Automatic (GPU if present)</source>
        <translation>自动（有 GPU 时用 GPU）</translation>
    </message>
    <message>
        <source>Automatic (from the lattice)</source>
        <translation>自动（由晶格判断）</translation>
    </message>
    <message>
        <source>BM3D</source>
        <translation>BM3D</translation>
    </message>
    <message>
        <source>Bond cut</source>
        <translation>成键截断</translation>
    </message>
    <message>
        <source>Bright columns</source>
        <translation>亮原子柱</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>浏览…</translation>
    </message>
    <message>
        <source>CPU</source>
        <translation>CPU</translation>
    </message>
    <message>
        <source>Choose a HRTEM-GAN weights file</source>
        <translation>选择 HRTEM-GAN 权重文件</translation>
    </message>
    <message>
        <source>Choose a file</source>
        <translation>选择文件</translation>
    </message>
    <message>
        <source>Classical (filter maxima)</source>
        <translation>经典（滤波极大值）</translation>
    </message>
    <message>
        <source>Classical (lattice fringes)</source>
        <translation>经典（晶格条纹）</translation>
    </message>
    <message>
        <source>Classify patches</source>
        <translation>图块分类</translation>
    </message>
    <message>
        <source>Classify square patches of each frame as crystal, amorphous or vacuum, so that columns are only searched where there is crystal and the crystal fraction is reported</source>
        <translation>将每帧的方形图块分类为晶体、非晶或真空，只在有晶体的地方搜索原子柱，并报告晶体所占比例</translation>
    </message>
    <message>
        <source>Column contrast</source>
        <translation>原子柱衬度</translation>
    </message>
    <message>
        <source>Column finder</source>
        <translation>原子柱查找方法</translation>
    </message>
    <message>
        <source>Crystal model whose plane indices name the measured lattice's spacings; its zone axis is identified from the measured cell. A model that does not fit is reported, not forced. Automatic names fcc [110] by its shape and otherwise keeps 2-D indices</source>
        <translation>用其晶面指数标注所测晶面间距的晶体模型；晶带轴由测得的晶胞识别。不符合的模型会被报告，而不会被强行套用。自动模式按形状识别 fcc [110]，其余情况保留二维指数</translation>
    </message>
    <message>
        <source>Crystal only</source>
        <translation>仅晶体区域</translation>
    </message>
    <message>
        <source>Crystal region</source>
        <translation>晶体区域</translation>
    </message>
    <message>
        <source>Dark columns</source>
        <translation>暗原子柱</translation>
    </message>
    <message>
        <source>Denoising applied to each frame before atom columns are located. Wiener and ABSF filter the lattice in Fourier space; non-local means and BM3D average similar patches; HRTEM-GAN is a trained network, best at low dose (a few counts per pixel)</source>
        <translation>定位原子柱之前对每帧进行的去噪。维纳滤波和 ABSF 在傅里叶空间中滤出晶格；非局部均值和 BM3D 对相似图块求平均；HRTEM-GAN 是训练好的网络，最适合低剂量（每像素几个计数）</translation>
    </message>
    <message>
        <source>Detection threshold</source>
        <translation>检测阈值</translation>
    </message>
    <message>
        <source>Device</source>
        <translation>设备</translation>
    </message>
    <message>
        <source>End frame</source>
        <translation>结束帧</translation>
    </message>
    <message>
        <source>Evidence, in noise standard deviations (σ), needed to accept a column at a lattice-predicted site</source>
        <translation>在晶格预测位置接受原子柱所需的证据（以噪声标准差 σ 计）</translation>
    </message>
    <message>
        <source>Fill threshold</source>
        <translation>补全阈值</translation>
    </message>
    <message>
        <source>First frame</source>
        <translation>起始帧</translation>
    </message>
    <message>
        <source>First frame analysed (0-based index in the stack)</source>
        <translation>分析的第一帧（图像栈中从 0 开始的序号）</translation>
    </message>
    <message>
        <source>Fit passes</source>
        <translation>拟合轮数</translation>
    </message>
    <message>
        <source>Fluorite</source>
        <translation>萤石型</translation>
    </message>
    <message>
        <source>Frames</source>
        <translation>帧</translation>
    </message>
    <message>
        <source>Frames analysed at the same time; 0 uses one per processor core. Results do not depend on it</source>
        <translation>同时分析的帧数；0 表示每个处理器核心一帧。结果与此无关</translation>
    </message>
    <message>
        <source>GAN weights</source>
        <translation>GAN 权重</translation>
    </message>
    <message>
        <source>GPU (CUDA)</source>
        <translation>GPU（CUDA）</translation>
    </message>
    <message>
        <source>Graphene-like</source>
        <translation>类石墨烯</translation>
    </message>
    <message>
        <source>HRTEM-GAN (neural network)</source>
        <translation>HRTEM-GAN（神经网络）</translation>
    </message>
    <message>
        <source>HRTEM-GAN weights</source>
        <translation>HRTEM-GAN 权重</translation>
    </message>
    <message>
        <source>HRTEM-GAN weights file (.safetensors) used for the GAN restoration; leave empty for the weights shipped with HRTEM Studio</source>
        <translation>GAN 复原所用的 HRTEM-GAN 权重文件（.safetensors）；留空则使用 HRTEM Studio 随附的权重</translation>
    </message>
    <message>
        <source>How candidate columns are found before their Gaussian fits: the classical finder takes the maxima of a column-scale filter; the segmenter takes the regions of a trained U-Net's column map</source>
        <translation>高斯拟合之前如何找出候选原子柱：经典方法取原子柱尺度滤波的极大值；分割方法取训练好的 U-Net 原子柱概率图中的区域</translation>
    </message>
    <message>
        <source>Lattice constant</source>
        <translation>晶格常数</translation>
    </message>
    <message>
        <source>Lattice fill</source>
        <translation>晶格补全</translation>
    </message>
    <message>
        <source>Lattice fringe period in pixels, which sets the expected column spacing; 0 measures it from each frame's FFT</source>
        <translation>晶格条纹周期（像素），决定预期的原子柱间距；0 表示由每帧的 FFT 测量</translation>
    </message>
    <message>
        <source>Lattice period</source>
        <translation>晶格周期</translation>
    </message>
    <message>
        <source>Localization</source>
        <translation>原子定位</translation>
    </message>
    <message>
        <source>Locate columns only when the movie's power spectrum shows Bragg spots in two directions; off: always try (for data the test does not suit)</source>
        <translation>仅当影像的功率谱在两个方向上显示布拉格斑点时才定位原子柱；关闭：总是尝试（适用于此检验不适合的数据）</translation>
    </message>
    <message>
        <source>Look again at the sites the found columns' lattice predicts and accept weaker columns there</source>
        <translation>在已找到原子柱的晶格所预测的位置上再次检查，并接受那里较弱的原子柱</translation>
    </message>
    <message>
        <source>Max gap</source>
        <translation>最大间隔</translation>
    </message>
    <message>
        <source>Method</source>
        <translation>方法</translation>
    </message>
    <message>
        <source>Multi-task network</source>
        <translation>多任务网络</translation>
    </message>
    <message>
        <source>Non-local means</source>
        <translation>非局部均值</translation>
    </message>
    <message>
        <source>None (raw frames)</source>
        <translation>无（原始帧）</translation>
    </message>
    <message>
        <source>On</source>
        <translation>开启</translation>
    </message>
    <message>
        <source>Particle network</source>
        <translation>颗粒网络</translation>
    </message>
    <message>
        <source>Particle network weights file (.safetensors, from hrtem train seg --target particle); leave empty for the shipped network</source>
        <translation>颗粒网络权重文件（.safetensors，由 hrtem train seg --target particle 生成）；留空则使用随附的网络</translation>
    </message>
    <message>
        <source>Particle weights</source>
        <translation>颗粒网络权重</translation>
    </message>
    <message>
        <source>Passes of 2-D Gaussian fitting; each later pass subtracts the neighbours' fits, which helps closely spaced columns (1 is fastest)</source>
        <translation>二维高斯拟合的轮数；之后每轮先扣除近邻的拟合，有助于间距很近的原子柱（1 最快）</translation>
    </message>
    <message>
        <source>Patch classification</source>
        <translation>图块分类</translation>
    </message>
    <message>
        <source>Patch classifier</source>
        <translation>图块分类器</translation>
    </message>
    <message>
        <source>Patch classifier weights</source>
        <translation>图块分类器权重</translation>
    </message>
    <message>
        <source>Patch classifier weights file (.safetensors, from hrtem train patches); leave empty for the shipped network</source>
        <translation>图块分类器权重文件（.safetensors，由 hrtem train patches 生成）；留空则使用随附的网络</translation>
    </message>
    <message>
        <source>Patch size</source>
        <translation>图块大小</translation>
    </message>
    <message>
        <source>Perovskite</source>
        <translation>钙钛矿型</translation>
    </message>
    <message>
        <source>Relations</source>
        <translation>近邻关系</translation>
    </message>
    <message>
        <source>Require a lattice</source>
        <translation>要求晶格</translation>
    </message>
    <message>
        <source>Restoration</source>
        <translation>图像复原</translation>
    </message>
    <message>
        <source>Reversed contrast</source>
        <translation>反转衬度</translation>
    </message>
    <message>
        <source>Rock-salt</source>
        <translation>岩盐型</translation>
    </message>
    <message>
        <source>Safetensors weights (*.safetensors);;All files (*)</source>
        <translation>Safetensors 权重 (*.safetensors);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Search for columns only where lattice fringes are seen (plus a margin), not in vacuum or amorphous carbon</source>
        <translation>只在看得到晶格条纹的地方（外加一圈边距）搜索原子柱，不在真空或非晶碳中搜索</translation>
    </message>
    <message>
        <source>Segmenter weights</source>
        <translation>分割网络权重</translation>
    </message>
    <message>
        <source>Side of the classified patches in pixels: larger patches see more lattice fringes, smaller ones follow the particle's edge more closely</source>
        <translation>分类图块的边长（像素）：图块越大看到的晶格条纹越多，越小则越贴近颗粒边缘</translation>
    </message>
    <message>
        <source>Structure</source>
        <translation>晶体结构</translation>
    </message>
    <message>
        <source>The model's lattice constant a; when given, a measured cell more than 5% away from it does not fit. 0 takes a from the data</source>
        <translation>模型的晶格常数 a；给定时，与之相差超过 5% 的测量晶胞视为不符合。0 表示由数据测定 a</translation>
    </message>
    <message>
        <source>Threads</source>
        <translation>线程</translation>
    </message>
    <message>
        <source>Tracking</source>
        <translation>跟踪</translation>
    </message>
    <message>
        <source>Two columns are bonded when closer than this many nearest-neighbour (NN) spacings. For fcc [110] the long bond is 1.155 NN and the next distance 1.633 NN</source>
        <translation>两个原子柱的距离小于这么多个最近邻间距时视为成键。对 fcc [110]，长键为 1.155 倍最近邻间距，次近距离为 1.633 倍</translation>
    </message>
    <message>
        <source>Voting</source>
        <translation>投票</translation>
    </message>
    <message>
        <source>Where columns are sought: the classical region is where lattice fringes are strong; the particle network is a U-Net trained to tell crystal from support and vacuum</source>
        <translation>在何处寻找原子柱：经典区域为晶格条纹强的区域；颗粒网络是经训练区分晶体与支撑膜、真空的 U-Net</translation>
    </message>
    <message>
        <source>Where the HRTEM-GAN network runs: a CUDA GPU is much faster than the CPU</source>
        <translation>HRTEM-GAN 网络运行的设备：CUDA GPU 比 CPU 快得多</translation>
    </message>
    <message>
        <source>Where the networks run (HRTEM-GAN and the segmentation networks): a CUDA GPU is much faster than the CPU</source>
        <translation>网络（HRTEM-GAN 与分割网络）运行的设备：CUDA GPU 比 CPU 快得多</translation>
    </message>
    <message>
        <source>Whether atom columns image dark or bright on this defocus and thickness; automatic decides from each frame</source>
        <translation>在此离焦量和厚度下原子柱成像为暗还是亮；自动则由每帧判断</translation>
    </message>
    <message>
        <source>Who decides which patches are crystal: the multi-task network (trained on simulated patches; it also says how likely each frame is high quality) or the voting of unsupervised clusterings, which needs no training. Automatic uses the network where its weights are found</source>
        <translation>由谁判定哪些图块是晶体：多任务网络（在模拟图块上训练；它还给出每帧为高质量的概率），或无需训练的多个无监督聚类投票。自动：找到网络权重时使用网络</translation>
    </message>
    <message>
        <source>Wiener filter</source>
        <translation>维纳滤波</translation>
    </message>
    <message>
        <source>all (to the last frame)</source>
        <translation>全部（到最后一帧）</translation>
    </message>
    <message>
        <source>automatic</source>
        <translation>自动</translation>
    </message>
    <message>
        <source>bcc</source>
        <translation>体心立方 (bcc)</translation>
    </message>
    <message>
        <source>fcc</source>
        <translation>面心立方 (fcc)</translation>
    </message>
    <message>
        <source>from the FFT</source>
        <translation>由 FFT 确定</translation>
    </message>
    <message>
        <source>from the data</source>
        <translation>由数据测定</translation>
    </message>
    <message>
        <source>hcp</source>
        <translation>密排六方 (hcp)</translation>
    </message>
    <message>
        <source>one per core</source>
        <translation>每核一个</translation>
    </message>
    <message>
        <source>the shipped network</source>
        <translation>随附的网络</translation>
    </message>
    <message>
        <source>the shipped weights</source>
        <translation>随附的权重</translation>
    </message>
</context>
<context>
    <name>hrtem::ui::AtomsTableModel</name>
    <message>
        <source>Atom</source>
        <translation>原子</translation>
    </message>
    <message>
        <source>x (px)</source>
        <translation>x（像素）</translation>
    </message>
    <message>
        <source>y (px)</source>
        <translation>y（像素）</translation>
    </message>
    <message>
        <source>x (nm)</source>
        <translation>x（nm）</translation>
    </message>
    <message>
        <source>y (nm)</source>
        <translation>y（nm）</translation>
    </message>
    <message>
        <source>Error x (px)</source>
        <translation>x 误差（像素）</translation>
    </message>
    <message>
        <source>Error y (px)</source>
        <translation>y 误差（像素）</translation>
    </message>
    <message>
        <source>Amplitude</source>
        <translation>振幅</translation>
    </message>
    <message>
        <source>Coordination</source>
        <translation>配位数</translation>
    </message>
    <message>
        <source>Site</source>
        <translation>位置类型</translation>
    </message>
    <message>
        <source>Track</source>
        <translation>轨迹</translation>
    </message>
    <message>
        <source>Behaviour</source>
        <translation>行为</translation>
    </message>
    <message>
        <source>Edited</source>
        <translation>已编辑</translation>
    </message>
    <message>
        <source>by hand</source>
        <translation>手动</translation>
    </message>
</context>
<context>
    <name>hrtem::ui::CorrectionCommand</name>
    <message>
        <source>Add column in frame %1</source>
        <translation>在第 %1 帧添加原子柱</translation>
    </message>
    <message>
        <source>Move column in frame %1</source>
        <translation>移动第 %1 帧的原子柱</translation>
    </message>
    <message>
        <source>Delete column in frame %1</source>
        <translation>删除第 %1 帧的原子柱</translation>
    </message>
    <message>
        <source>Merge tracks (frames %1 and %2)</source>
        <translation>合并轨迹（第 %1 帧与第 %2 帧）</translation>
    </message>
    <message>
        <source>Split track at frame %1</source>
        <translation>在第 %1 帧拆分轨迹</translation>
    </message>
    <message>
        <source>stable</source>
        <translation>稳定</translation>
    </message>
    <message>
        <source>hopping</source>
        <translation>跳跃</translation>
    </message>
    <message>
        <source>adsorbed</source>
        <translation>吸附</translation>
    </message>
    <message>
        <source>desorbed</source>
        <translation>脱附</translation>
    </message>
    <message>
        <source>Relabel as %1 in frame %2</source>
        <translation>在第 %2 帧重新标记为%1</translation>
    </message>
</context>
<context>
    <name>hrtem::ui::EvaluationDialog</name>
    <message>
        <source>PSNR (dB)</source>
        <translation>PSNR (dB)</translation>
    </message>
    <message>
        <source>SSIM</source>
        <translation>SSIM</translation>
    </message>
    <message>
        <source>FID</source>
        <translation>FID</translation>
    </message>
    <message>
        <source>KL</source>
        <translation>KL 散度</translation>
    </message>
    <message>
        <source>Seg. precision</source>
        <translation>分割精确率</translation>
    </message>
    <message>
        <source>Dice</source>
        <translation>Dice</translation>
    </message>
    <message>
        <source>IoU</source>
        <translation>IoU</translation>
    </message>
    <message>
        <source>Localization F1</source>
        <translation>定位 F1</translation>
    </message>
    <message>
        <source>Seconds / frame</source>
        <translation>秒/帧</translation>
    </message>
    <message>
        <source>Restoration evaluation</source>
        <translation>复原评估</translation>
    </message>
    <message>
        <source>Open results…</source>
        <translation>打开结果…</translation>
    </message>
    <message>
        <source>A folder written by hrtem evaluate-restoration --figures</source>
        <translation>由 hrtem evaluate-restoration --figures 写出的文件夹</translation>
    </message>
    <message>
        <source>Evaluate a simulation…</source>
        <translation>评估模拟影像…</translation>
    </message>
    <message>
        <source>Run every restoration method on a movie written by File → Simulate movie (or hrtem simulate) and score it against the movie's noise-free frames</source>
        <translation>在由 文件 → 模拟影像（或 hrtem simulate）写出的影像上运行每种复原方法，并与其无噪声帧比较评分</translation>
    </message>
    <message>
        <source>Frames</source>
        <translation>帧数</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Scores</source>
        <translation>评分</translation>
    </message>
    <message>
        <source>t-SNE map</source>
        <translation>t-SNE 图</translation>
    </message>
    <message>
        <source>Spectra</source>
        <translation>频谱</translation>
    </message>
    <message>
        <source>Open the results of hrtem evaluate-restoration, or evaluate a simulated movie.</source>
        <translation>打开 hrtem evaluate-restoration 的结果，或评估一段模拟影像。</translation>
    </message>
    <message>
        <source>Method</source>
        <translation>方法</translation>
    </message>
    <message>
        <source>t-SNE 1</source>
        <translation>t-SNE 1</translation>
    </message>
    <message>
        <source>t-SNE 2</source>
        <translation>t-SNE 2</translation>
    </message>
    <message>
        <source>Open restoration evaluation</source>
        <translation>打开复原评估</translation>
    </message>
    <message>
        <source>Simulated movie to evaluate (a folder with movie.tif and truth/)</source>
        <translation>要评估的模拟影像（包含 movie.tif 和 truth/ 的文件夹）</translation>
    </message>
    <message>
        <source>Could not show the evaluation: %1</source>
        <translation>无法显示评估：%1</translation>
    </message>
    <message>
        <source>%1: %2 frame(s) at %3 counts/px, scored against its noise-free frames.</source>
        <translation>%1：%2 帧，每像素 %3 计数，与其无噪声帧比较评分。</translation>
    </message>
    <message>
        <source>FID and KL: features of %1, against %2.</source>
        <translation>FID 与 KL：%1 的特征，对照 %2。</translation>
    </message>
    <message>
        <source>Mean Hann-windowed log power spectrum of the patches restored with %1</source>
        <translation>经 %1 复原的图块的平均汉宁窗对数功率谱</translation>
    </message>
    <message>
        <source>the command-line program hrtem is not beside this program (%1)</source>
        <translation>命令行程序 hrtem 不在本程序旁（%1）</translation>
    </message>
    <message>
        <source>Evaluating %1…</source>
        <translation>正在评估 %1…</translation>
    </message>
    <message>
        <source>the evaluation was stopped</source>
        <translation>评估已停止</translation>
    </message>
    <message>
        <source>hrtem evaluate-restoration failed: %1</source>
        <translation>hrtem evaluate-restoration 失败：%1</translation>
    </message>
    <message>
        <source>exit status %1</source>
        <translation>退出状态 %1</translation>
    </message>
    <message>
        <source>Compare weights…</source>
        <translation>比较权重…</translation>
    </message>
    <message>
        <source>Compare weights (%1)…</source>
        <translation>比较权重（%1）…</translation>
    </message>
    <message>
        <source>Other HRTEM-GAN weights to compare with the methods, such as the thesis' chapter-4 variants (hrtem train gan with mask_weight, hrtem train joint)</source>
        <translation>与各方法一同比较的其他 HRTEM-GAN 权重，例如论文第 4 章的变体（带 mask_weight 的 hrtem train gan、hrtem train joint）</translation>
    </message>
    <message>
        <source>HRTEM-GAN weights to compare (none: only the methods)</source>
        <translation>要比较的 HRTEM-GAN 权重（不选：只比较各方法）</translation>
    </message>
    <message>
        <source>Safetensors weights (*.safetensors)</source>
        <translation>Safetensors 权重 (*.safetensors)</translation>
    </message>
    <message>
        <source>%1: its guided segmenter</source>
        <translation>%1：其引导分割网络</translation>
    </message>
</context>
<context>
    <name>hrtem::ui::EventsTableModel</name>
    <message>
        <source>Frame</source>
        <translation>帧</translation>
    </message>
    <message>
        <source>Time (%1)</source>
        <translation>时间（%1）</translation>
    </message>
    <message>
        <source>Track</source>
        <translation>轨迹</translation>
    </message>
    <message>
        <source>Event</source>
        <translation>事件</translation>
    </message>
    <message>
        <source>From x (px)</source>
        <translation>起点 x（像素）</translation>
    </message>
    <message>
        <source>From y (px)</source>
        <translation>起点 y（像素）</translation>
    </message>
    <message>
        <source>To x (px)</source>
        <translation>终点 x（像素）</translation>
    </message>
    <message>
        <source>To y (px)</source>
        <translation>终点 y（像素）</translation>
    </message>
    <message>
        <source>Distance (%1)</source>
        <translation>距离（%1）</translation>
    </message>
</context>
<context>
    <name>hrtem::ui::ExportDialog</name>
    <message>
        <source>Export into</source>
        <translation>导出到</translation>
    </message>
    <message>
        <source>Export results</source>
        <translation>导出结果</translation>
    </message>
    <message>
        <source>Folder</source>
        <translation>文件夹</translation>
    </message>
    <message>
        <source>Folder the files are written into (created if missing); files of the same name are replaced</source>
        <translation>写入文件的文件夹（不存在时自动创建）；同名文件将被替换</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>浏览…</translation>
    </message>
    <message>
        <source>Choose the output folder</source>
        <translation>选择输出文件夹</translation>
    </message>
    <message>
        <source>All result files (CSV tables, TrackMate XML, summary.json)</source>
        <translation>全部结果文件（CSV 表格、TrackMate XML、summary.json）</translation>
    </message>
    <message>
        <source>atoms.csv, trajectories.csv, frames.csv, events.csv, tracks.csv, twin_boundaries.csv, tracks.trackmate.xml and summary.json: the same files, byte for byte, as hrtem analyze writes</source>
        <translation>atoms.csv、trajectories.csv、frames.csv、events.csv、tracks.csv、twin_boundaries.csv、tracks.trackmate.xml 和 summary.json：与 hrtem analyze 写出的文件逐字节相同</translation>
    </message>
    <message>
        <source>Current view as PNG and SVG (%1, %2)</source>
        <translation>当前视图，PNG 和 SVG 格式（%1、%2）</translation>
    </message>
    <message>
        <source>The frame as the viewer shows it now, with its contrast and overlays</source>
        <translation>查看器当前显示的帧，包括对比度和叠加层</translation>
    </message>
    <message>
        <source>Movie with overlays as multi-page TIFF (%1)</source>
        <translation>带叠加层的影像，多页 TIFF（%1）</translation>
    </message>
    <message>
        <source>Every analysed frame with bonds, atom columns, track tails, twin boundaries and the particle outline drawn on it, as an RGB TIFF stack at twice the frame's size that Fiji/ImageJ opens with the pixel size and frame interval</source>
        <translation>每个已分析的帧，画上键、原子柱、轨迹尾迹、孪晶界和颗粒轮廓，保存为两倍帧尺寸的 RGB TIFF 图像栈，Fiji/ImageJ 打开时带有像素尺寸和帧间隔</translation>
    </message>
    <message>
        <source>Export</source>
        <translation>导出</translation>
    </message>
    <message>
        <source>There is no analysis result yet: run the analysis to export its files and overlays.</source>
        <translation>还没有分析结果：先运行分析，再导出其文件和叠加层。</translation>
    </message>
    <message>
        <source>The movie with overlays needs the open stack.</source>
        <translation>带叠加层的影像需要打开的图像栈。</translation>
    </message>
    <message>
        <source>There is no view to save.</source>
        <translation>没有可保存的视图。</translation>
    </message>
    <message>
        <source>Cannot export into “%1”: it is a file, not a folder.</source>
        <translation>无法导出到“%1”：它是文件，不是文件夹。</translation>
    </message>
    <message>
        <source>Cannot create the folder “%1”: “%2” is a file, not a folder.</source>
        <translation>无法创建文件夹“%1”：“%2”是文件，不是文件夹。</translation>
    </message>
    <message>
        <source>Cannot create the folder “%1”: permission denied or the disk is read-only.</source>
        <translation>无法创建文件夹“%1”：没有权限或磁盘只读。</translation>
    </message>
    <message>
        <source>Cannot write into “%1”: the folder is not writable.</source>
        <translation>无法写入“%1”：该文件夹不可写。</translation>
    </message>
    <message>
        <source>Choose a folder to export into.</source>
        <translation>请选择要导出到的文件夹。</translation>
    </message>
    <message>
        <source>Nothing to export: tick at least one output.</source>
        <translation>没有要导出的内容：请至少勾选一项输出。</translation>
    </message>
    <message>
        <source>Could not write the result files into “%1”: %2</source>
        <translation>无法将结果文件写入“%1”：%2</translation>
    </message>
    <message>
        <source>Could not write “%1”: %2</source>
        <translation>无法写入“%1”：%2</translation>
    </message>
    <message>
        <source>PNG encoding failed</source>
        <translation>PNG 编码失败</translation>
    </message>
    <message>
        <source>Writing %1 frames with overlays…</source>
        <translation>正在写入 %1 帧带叠加层的图像…</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Export cancelled: “%1” was not written.</source>
        <translation>导出已取消：未写入“%1”。</translation>
    </message>
    <message>
        <source>Export failed</source>
        <translation>导出失败</translation>
    </message>
    <message>
        <source>The export did not finish; the files written before the problem are kept.</source>
        <translation>导出未完成；出错前已写入的文件会保留。</translation>
    </message>
</context>
<context>
    <name>hrtem::ui::FftPanel</name>
    <message>
        <source>Whole frame</source>
        <translation>整帧</translation>
    </message>
    <message>
        <source>Transform the whole frame instead of the drawn region</source>
        <translation>对整帧而非所画区域做变换</translation>
    </message>
    <message>
        <source>FFT of the frame, or of a region drawn with Shift+drag</source>
        <translation>整帧的 FFT，或按住 Shift 拖动所画区域的 FFT</translation>
    </message>
    <message>
        <source>Whole frame: %1 × %1 px</source>
        <translation>整帧：%1 × %1 像素</translation>
    </message>
    <message>
        <source>Region at (%1, %2): %3 × %3 px</source>
        <translation>区域 (%1, %2)：%3 × %3 像素</translation>
    </message>
    <message>
        <source>|g| = 0 (zero frequency)</source>
        <translation>|g| = 0（零频）</translation>
    </message>
    <message>
        <source>|g| = %1 %2    d = %3 %4</source>
        <translation>|g| = %1 %2    晶面间距 d = %3 %4</translation>
    </message>
</context>
<context>
    <name>hrtem::ui::HelpDialogs</name>
    <message>
        <source>HRTEM Studio manual</source>
        <translation>HRTEM Studio 使用手册</translation>
    </message>
    <message>
        <source>Frame view › Next / previous frame</source>
        <translation>帧视图 › 下一帧 / 上一帧</translation>
    </message>
    <message>
        <source>Right, Left (Shift: 10 frames)</source>
        <translation>右、左方向键（Shift：10 帧）</translation>
    </message>
    <message>
        <source>Frame view › First / last frame</source>
        <translation>帧视图 › 第一帧 / 最后一帧</translation>
    </message>
    <message>
        <source>Home, End</source>
        <translation>Home、End</translation>
    </message>
    <message>
        <source>Frame view › Play / pause</source>
        <translation>帧视图 › 播放 / 暂停</translation>
    </message>
    <message>
        <source>Space</source>
        <translation>空格</translation>
    </message>
    <message>
        <source>Frame view › Zoom about the cursor</source>
        <translation>帧视图 › 以光标为中心缩放</translation>
    </message>
    <message>
        <source>Mouse wheel</source>
        <translation>鼠标滚轮</translation>
    </message>
    <message>
        <source>Frame view › Pan</source>
        <translation>帧视图 › 平移</translation>
    </message>
    <message>
        <source>Drag</source>
        <translation>拖动</translation>
    </message>
    <message>
        <source>Frame view › Draw an FFT region</source>
        <translation>帧视图 › 绘制 FFT 区域</translation>
    </message>
    <message>
        <source>Shift+drag</source>
        <translation>Shift+拖动</translation>
    </message>
    <message>
        <source>Frame view › Clear the FFT region</source>
        <translation>帧视图 › 清除 FFT 区域</translation>
    </message>
    <message>
        <source>Esc</source>
        <translation>Esc</translation>
    </message>
    <message>
        <source>Frame view › Fit</source>
        <translation>帧视图 › 适应窗口</translation>
    </message>
    <message>
        <source>Double click</source>
        <translation>双击</translation>
    </message>
    <message>
        <source>Command</source>
        <translation>命令</translation>
    </message>
    <message>
        <source>Keys</source>
        <translation>按键</translation>
    </message>
    <message>
        <source>Keyboard shortcuts</source>
        <translation>键盘快捷键</translation>
    </message>
</context>
<context>
    <name>hrtem::ui::HistogramPanel</name>
    <message>
        <source>Levels</source>
        <translation>灰度范围</translation>
    </message>
    <message>
        <source>Values at or below this are shown black</source>
        <translation>小于等于此值显示为黑色</translation>
    </message>
    <message>
        <source>Values at or above this are shown white</source>
        <translation>大于等于此值显示为白色</translation>
    </message>
    <message>
        <source>Full range</source>
        <translation>全范围</translation>
    </message>
    <message>
        <source>Show the frame's full value range</source>
        <translation>显示本帧的全部数值范围</translation>
    </message>
    <message>
        <source>Auto</source>
        <translation>自动</translation>
    </message>
    <message>
        <source>Set the levels from percentiles of every frame</source>
        <translation>按每帧的百分位数自动设置灰度范围</translation>
    </message>
    <message>
        <source>Lower percentile for automatic contrast</source>
        <translation>自动对比度的下百分位数</translation>
    </message>
    <message>
        <source>Upper percentile for automatic contrast</source>
        <translation>自动对比度的上百分位数</translation>
    </message>
    <message>
        <source>Log counts</source>
        <translation>对数计数</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>数值</translation>
    </message>
    <message>
        <source>Frame min %1, max %2</source>
        <translation>本帧最小值 %1，最大值 %2</translation>
    </message>
    <message>
        <source>Draw the histogram's counts on a logarithmic scale, so rare values show</source>
        <translation>以对数刻度绘制直方图计数，使稀少的数值也可见</translation>
    </message>
</context>
<context>
    <name>hrtem::ui::MainWindow</name>
    <message>
        <source>Opening %1 …</source>
        <translation>正在打开 %1 …</translation>
    </message>
    <message>
        <source>Frame %1 cannot be read: %2</source>
        <translation>无法读取第 %1 帧：%2</translation>
    </message>
    <message>
        <source>HRTEM Studio</source>
        <translation>HRTEM Studio</translation>
    </message>
    <message>
        <source>Zoom %1%</source>
        <translation>缩放 %1%</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;Open…</source>
        <translation>打开(&amp;O)…</translation>
    </message>
    <message>
        <source>Open a TIFF, DM3/DM4, video or folder of images</source>
        <translation>打开 TIFF、DM3/DM4、视频或图像文件夹</translation>
    </message>
    <message>
        <source>Open &amp;Recent</source>
        <translation>最近打开(&amp;R)</translation>
    </message>
    <message>
        <source>Open &amp;demo movie</source>
        <translation>打开示例影像(&amp;D)</translation>
    </message>
    <message>
        <source>&amp;Export view as PNG…</source>
        <translation>将视图导出为 PNG(&amp;E)…</translation>
    </message>
    <message>
        <source>&amp;Close</source>
        <translation>关闭(&amp;C)</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <source>Clear list</source>
        <translation>清空列表</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
    <message>
        <source>Zoom &amp;in</source>
        <translation>放大(&amp;I)</translation>
    </message>
    <message>
        <source>Zoom &amp;out</source>
        <translation>缩小(&amp;O)</translation>
    </message>
    <message>
        <source>&amp;Fit to window</source>
        <translation>适应窗口(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;Actual pixels (1:1)</source>
        <translation>实际像素 1:1(&amp;A)</translation>
    </message>
    <message>
        <source>Auto &amp;contrast</source>
        <translation>自动对比度(&amp;C)</translation>
    </message>
    <message>
        <source>Draw FFT &amp;region</source>
        <translation>绘制 FFT 区域(&amp;R)</translation>
    </message>
    <message>
        <source>Drag on the frame to choose the region the FFT shows (or Shift+drag)</source>
        <translation>在图像上拖动以选择做 FFT 的区域（或按住 Shift 拖动）</translation>
    </message>
    <message>
        <source>FFT</source>
        <translation>傅里叶变换</translation>
    </message>
    <message>
        <source>Levels</source>
        <translation>灰度范围</translation>
    </message>
    <message>
        <source>Metadata</source>
        <translation>元数据</translation>
    </message>
    <message>
        <source>&amp;Settings</source>
        <translation>设置(&amp;S)</translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation>语言(&amp;L)</translation>
    </message>
    <message>
        <source>System default</source>
        <translation>跟随系统</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <source>&amp;About HRTEM Studio</source>
        <translation>关于 HRTEM Studio(&amp;A)</translation>
    </message>
    <message>
        <source>Open a stack: File → Open, drag a file here, or File → Open demo movie</source>
        <translation>打开图像序列：文件 → 打开，把文件拖到此处，或 文件 → 打开示例影像</translation>
    </message>
    <message>
        <source>Open stack</source>
        <translation>打开图像序列</translation>
    </message>
    <message>
        <source>Demo movie</source>
        <translation>示例影像</translation>
    </message>
    <message>
        <source>%1: %2 × %3 px, %4 frame(s), %5</source>
        <translation>%1：%2 × %3 像素，%4 帧，%5</translation>
    </message>
    <message>
        <source>Several images</source>
        <translation>多幅图像</translation>
    </message>
    <message>
        <source>This file holds %1 images. Which one should be shown?</source>
        <translation>此文件包含 %1 幅图像。要显示哪一幅？</translation>
    </message>
    <message>
        <source>Could not open %1</source>
        <translation>无法打开 %1</translation>
    </message>
    <message>
        <source>Cannot open file</source>
        <translation>无法打开文件</translation>
    </message>
    <message>
        <source>Could not open “%1”.</source>
        <translation>无法打开“%1”。</translation>
    </message>
    <message>
        <source>x %1  y %2 px</source>
        <translation>x %1  y %2 像素</translation>
    </message>
    <message>
        <source>   value %1</source>
        <translation>   数值 %1</translation>
    </message>
    <message>
        <source>Export view</source>
        <translation>导出视图</translation>
    </message>
    <message>
        <source>PNG image (*.png)</source>
        <translation>PNG 图像 (*.png)</translation>
    </message>
    <message>
        <source>Export failed</source>
        <translation>导出失败</translation>
    </message>
    <message>
        <source>Could not write “%1”.</source>
        <translation>无法写入“%1”。</translation>
    </message>
    <message>
        <source>Check that the folder is writable.</source>
        <translation>请检查该文件夹是否可写。</translation>
    </message>
    <message>
        <source>About HRTEM Studio</source>
        <translation>关于 HRTEM Studio</translation>
    </message>
    <message>
        <source>&lt;h3&gt;HRTEM Studio %1&lt;/h3&gt;&lt;p&gt;Restoration, atom localization, tracking and behaviour analysis for in-situ high-resolution TEM movies.&lt;/p&gt;</source>
        <translation>&lt;h3&gt;HRTEM Studio %1&lt;/h3&gt;&lt;p&gt;面向原位高分辨透射电镜影像的图像复原、原子定位、运动追踪与行为分析。&lt;/p&gt;</translation>
    </message>
    <message>
        <source>Frame %1 of %2</source>
        <translation>第 %1 帧（共 %2 帧）</translation>
    </message>
    <message>
        <source>&amp;Simulate movie…</source>
        <translation>模拟影像(&amp;S)…</translation>
    </message>
    <message>
        <source>Simulate an in-situ HRTEM movie of a gold particle, with its ground truth</source>
        <translation>模拟金纳米颗粒的原位高分辨电镜影像及其真值</translation>
    </message>
    <message>
        <source>Simulated movie</source>
        <translation>模拟影像</translation>
    </message>
    <message>
        <source>Simulation saved in %1</source>
        <translation>模拟结果已保存到 %1</translation>
    </message>
    <message>
        <source>Cannot open analysis</source>
        <translation>无法打开分析结果</translation>
    </message>
    <message>
        <source>Could not open the analysis in “%1”.</source>
        <translation>无法打开“%1”中的分析结果。</translation>
    </message>
    <message>
        <source>the analysis could not be started</source>
        <translation>无法启动分析</translation>
    </message>
    <message>
        <source>Analysis</source>
        <translation>分析</translation>
    </message>
    <message>
        <source>Results</source>
        <translation>结果</translation>
    </message>
    <message>
        <source>&amp;Analysis</source>
        <translation>分析(&amp;A)</translation>
    </message>
    <message>
        <source>&amp;Run analysis</source>
        <translation>运行分析(&amp;R)</translation>
    </message>
    <message>
        <source>Localize, relate and track the atom columns of the open stack</source>
        <translation>定位、关联并跟踪当前图像栈中的原子柱</translation>
    </message>
    <message>
        <source>&amp;Cancel analysis</source>
        <translation>取消分析(&amp;C)</translation>
    </message>
    <message>
        <source>Stop after the current frame; the finished frames are kept</source>
        <translation>在当前帧之后停止；保留已完成的帧</translation>
    </message>
    <message>
        <source>Open a&amp;nalysis…</source>
        <translation>打开分析结果(&amp;N)…</translation>
    </message>
    <message>
        <source>Show a result folder of hrtem analyze over its movie, without running anything</source>
        <translation>在其影像上显示 hrtem analyze 的结果文件夹，不重新运行任何计算</translation>
    </message>
    <message>
        <source>Export &amp;analysis…</source>
        <translation>导出分析结果(&amp;A)…</translation>
    </message>
    <message>
        <source>Write the result files of hrtem analyze and the current view</source>
        <translation>写出 hrtem analyze 的结果文件和当前视图</translation>
    </message>
    <message>
        <source>&amp;Overlays</source>
        <translation>叠加层(&amp;O)</translation>
    </message>
    <message>
        <source>Overlays</source>
        <translation>叠加层</translation>
    </message>
    <message>
        <source>Atom columns</source>
        <translation>原子柱</translation>
    </message>
    <message>
        <source>1σ error ellipses</source>
        <translation>1σ 误差椭圆</translation>
    </message>
    <message>
        <source>Bonds</source>
        <translation>键</translation>
    </message>
    <message>
        <source>Track tails</source>
        <translation>轨迹尾迹</translation>
    </message>
    <message>
        <source>Twin boundaries</source>
        <translation>孪晶界</translation>
    </message>
    <message>
        <source>Particle outline</source>
        <translation>颗粒轮廓</translation>
    </message>
    <message>
        <source>Legend</source>
        <translation>图例</translation>
    </message>
    <message>
        <source>Markers at the located atom columns</source>
        <translation>在已定位的原子柱处画标记</translation>
    </message>
    <message>
        <source>Ellipses of each column's 1σ position error, drawn ten times enlarged</source>
        <translation>每个原子柱 1σ 位置误差的椭圆，放大十倍绘制</translation>
    </message>
    <message>
        <source>Lines between bonded columns</source>
        <translation>成键原子柱之间的连线</translation>
    </message>
    <message>
        <source>Where each column was over the last frames</source>
        <translation>每个原子柱在前几帧中的位置</translation>
    </message>
    <message>
        <source>Twin boundaries with the misorientation of their two lattices</source>
        <translation>孪晶界及其两侧晶格的取向差</translation>
    </message>
    <message>
        <source>The particle's outline through its surface columns</source>
        <translation>经过表面原子柱的颗粒轮廓</translation>
    </message>
    <message>
        <source>What the colours mean</source>
        <translation>各颜色的含义</translation>
    </message>
    <message>
        <source>Colour columns by</source>
        <translation>原子柱着色依据</translation>
    </message>
    <message>
        <source>Surface / bulk (behaviours highlighted)</source>
        <translation>表面 / 体相（突出显示行为）</translation>
    </message>
    <message>
        <source>Behaviour</source>
        <translation>行为</translation>
    </message>
    <message>
        <source>Coordination</source>
        <translation>配位数</translation>
    </message>
    <message>
        <source> Tail: </source>
        <translation> 尾迹：</translation>
    </message>
    <message>
        <source> frames</source>
        <translation> 帧</translation>
    </message>
    <message>
        <source>Frames of history drawn behind each column</source>
        <translation>每个原子柱后面绘制的历史帧数</translation>
    </message>
    <message>
        <source>Analysing %1 frame(s) of %2</source>
        <translation>正在分析 %2 的 %1 帧</translation>
    </message>
    <message>
        <source>Cancelling after the current frames…</source>
        <translation>将在当前帧完成后取消…</translation>
    </message>
    <message>
        <source>%1 frame(s) in %2: %3 atom positions, %4 tracks, %5 events</source>
        <translation>%1 帧，用时 %2：%3 个原子位置，%4 条轨迹，%5 个事件</translation>
    </message>
    <message>
        <source>Note: %1</source>
        <translation>注意：%1</translation>
    </message>
    <message>
        <source>Cancelled: the result holds the frames finished before.</source>
        <translation>已取消：结果包含取消前完成的帧。</translation>
    </message>
    <message>
        <source>Analysis cancelled</source>
        <translation>分析已取消</translation>
    </message>
    <message>
        <source>Analysis finished</source>
        <translation>分析完成</translation>
    </message>
    <message>
        <source>the analysis was cancelled</source>
        <translation>分析已被取消</translation>
    </message>
    <message>
        <source>Failed: %1</source>
        <translation>失败：%1</translation>
    </message>
    <message>
        <source>Analysis failed</source>
        <translation>分析失败</translation>
    </message>
    <message>
        <source>The analysis of “%1” failed.</source>
        <translation>“%1”的分析失败。</translation>
    </message>
    <message>
        <source>frame not analysed yet</source>
        <translation>本帧尚未分析</translation>
    </message>
    <message>
        <source>frame not analysed</source>
        <translation>本帧未分析</translation>
    </message>
    <message>
        <source>atoms %1</source>
        <translation>原子 %1</translation>
    </message>
    <message>
        <source>d111 %1 nm, d200 %2 nm</source>
        <translation>d111 %1 nm，d200 %2 nm</translation>
    </message>
    <message>
        <source>d111 %1 px, d200 %2 px</source>
        <translation>d111 %1 像素，d200 %2 像素</translation>
    </message>
    <message>
        <source>quality %1 dB</source>
        <translation>质量 %1 dB</translation>
    </message>
    <message>
        <source>twin boundaries %1 (%2)</source>
        <translation>孪晶界 %1（%2）</translation>
    </message>
    <message>
        <source>events %1</source>
        <translation>事件 %1</translation>
    </message>
    <message>
        <source>There is no analysis to export.</source>
        <translation>没有可导出的分析结果。</translation>
    </message>
    <message>
        <source>Could not write the result files into “%1”: %2</source>
        <translation>无法将结果文件写入“%1”：%2</translation>
    </message>
    <message>
        <source>Open analysis (a result folder of hrtem analyze)</source>
        <translation>打开分析结果（hrtem analyze 的结果文件夹）</translation>
    </message>
    <message>
        <source>Cancel the running analysis first</source>
        <translation>请先取消正在运行的分析</translation>
    </message>
    <message>
        <source>Reading the analysis in %1 …</source>
        <translation>正在读取 %1 中的分析结果…</translation>
    </message>
    <message>
        <source>Analysis read from %1</source>
        <translation>已从 %1 读取分析结果</translation>
    </message>
    <message>
        <source>The analysed movie %1 was not found; the analysis is shown over the open stack</source>
        <translation>找不到所分析的影像 %1；分析结果显示在当前打开的图像栈上</translation>
    </message>
    <message>
        <source>The movie this analysis was made from cannot be found.</source>
        <translation>找不到生成此分析结果的影像。</translation>
    </message>
    <message>
        <source>Movie: %1

Open that movie (or one of the same size) first, then open the analysis again.</source>
        <translation>影像：%1

请先打开该影像（或同样尺寸的影像），再重新打开分析结果。</translation>
    </message>
    <message>
        <source>no resolved crystal lattice: no atom columns to locate</source>
        <translation>没有可分辨的晶格：无原子柱可定位</translation>
    </message>
    <message>
        <source>Plots</source>
        <translation>图表</translation>
    </message>
    <message>
        <source>Trajectories</source>
        <translation>轨迹</translation>
    </message>
    <message>
        <source>Export &amp;movie with overlays…</source>
        <translation>导出带叠加层的影片(&amp;M)…</translation>
    </message>
    <message>
        <source>Write the analysed frames with their overlays as a TIFF stack or a video</source>
        <translation>将已分析的帧连同叠加层写为 TIFF 序列或视频</translation>
    </message>
    <message>
        <source>Export movie with overlays</source>
        <translation>导出带叠加层的影片</translation>
    </message>
    <message>
        <source>TIFF stack (*.tif *.tiff);;Video, Motion JPEG (*.avi);;Video, MPEG-4 (*.mp4)</source>
        <translation>TIFF 序列 (*.tif *.tiff);;视频，Motion JPEG (*.avi);;视频，MPEG-4 (*.mp4)</translation>
    </message>
    <message>
        <source>Writing %1 frame(s) to %2…</source>
        <translation>正在将 %1 帧写入 %2…</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>The movie could not be written.</source>
        <translation>无法写入影片。</translation>
    </message>
    <message>
        <source>Movie written to %1</source>
        <translation>影片已写入 %1</translation>
    </message>
    <message>
        <source>Colour by</source>
        <translation>着色依据</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>Colour the tracks by the time of each step, or by what the column was doing</source>
        <translation>按每一步的时间或原子柱当时的行为为轨迹着色</translation>
    </message>
    <message>
        <source>%1[*] — HRTEM Studio</source>
        <translation>%1[*] — HRTEM Studio</translation>
    </message>
    <message>
        <source>Unsaved corrections</source>
        <translation>未保存的修正</translation>
    </message>
    <message>
        <source>The corrections made since the session was last saved will be lost. Save them first?</source>
        <translation>自上次保存会话以来所做的修正将会丢失。是否先保存？</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>编辑(&amp;E)</translation>
    </message>
    <message>
        <source>&amp;Undo</source>
        <translation>撤销(&amp;U)</translation>
    </message>
    <message>
        <source>&amp;Redo</source>
        <translation>重做(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Delete selected column</source>
        <translation>删除所选原子柱(&amp;D)</translation>
    </message>
    <message>
        <source>Remove the selected atom column from its frame (undoable)</source>
        <translation>从所在帧中删除所选原子柱（可撤销）</translation>
    </message>
    <message>
        <source>History</source>
        <translation>历史记录</translation>
    </message>
    <message>
        <source>&lt;analysis as computed&gt;</source>
        <translation>&lt;自动分析结果&gt;</translation>
    </message>
    <message>
        <source>Not corrected: %1</source>
        <translation>未修正：%1</translation>
    </message>
    <message>
        <source>Add column here</source>
        <translation>在此添加原子柱</translation>
    </message>
    <message>
        <source>Move selected column here</source>
        <translation>将所选原子柱移到此处</translation>
    </message>
    <message>
        <source>Delete this column</source>
        <translation>删除此原子柱</translation>
    </message>
    <message>
        <source>Split the track here</source>
        <translation>在此拆分轨迹</translation>
    </message>
    <message>
        <source>Merge with the selected track</source>
        <translation>与所选轨迹合并</translation>
    </message>
    <message>
        <source>Relabel behaviour as</source>
        <translation>将行为重新标记为</translation>
    </message>
    <message>
        <source>Stable</source>
        <translation>稳定</translation>
    </message>
    <message>
        <source>Hopping</source>
        <translation>跳跃</translation>
    </message>
    <message>
        <source>Adsorbed</source>
        <translation>吸附</translation>
    </message>
    <message>
        <source>Desorbed</source>
        <translation>脱附</translation>
    </message>
    <message>
        <source>HRTEM Studio sessions (*.hrtems)</source>
        <translation>HRTEM Studio 会话 (*.hrtems)</translation>
    </message>
    <message>
        <source>&amp;Save session</source>
        <translation>保存会话(&amp;S)</translation>
    </message>
    <message>
        <source>Save the input, settings, corrections and view, to reopen them later</source>
        <translation>保存输入、设置、修正与视图，以便日后重新打开</translation>
    </message>
    <message>
        <source>Save session &amp;as…</source>
        <translation>会话另存为(&amp;A)…</translation>
    </message>
    <message>
        <source>%1: a session needs the movie as a file; this one (%2) has none: save it first (File → Simulate…)</source>
        <translation>%1：会话需要以文件保存的影像；此影像（%2）没有文件：请先保存（文件 → 模拟…）</translation>
    </message>
    <message>
        <source>no stack</source>
        <translation>无图像序列</translation>
    </message>
    <message>
        <source>Save session</source>
        <translation>保存会话</translation>
    </message>
    <message>
        <source>Session not saved</source>
        <translation>会话未保存</translation>
    </message>
    <message>
        <source>The session could not be saved.</source>
        <translation>无法保存会话。</translation>
    </message>
    <message>
        <source>Session saved to %1</source>
        <translation>会话已保存到 %1</translation>
    </message>
    <message>
        <source>Session not opened</source>
        <translation>会话未打开</translation>
    </message>
    <message>
        <source>The session cannot be opened.</source>
        <translation>无法打开会话。</translation>
    </message>
    <message>
        <source>Where is %1 now?</source>
        <translation>%1 现在在哪里？</translation>
    </message>
    <message>
        <source>%1: its input %2 is not there (moved or deleted)</source>
        <translation>%1：其输入 %2 不存在（已移动或删除）</translation>
    </message>
    <message>
        <source>%1 correction(s) no longer apply: %2</source>
        <translation>%1 处修正已不再适用：%2</translation>
    </message>
    <message>
        <source>Session reopened: %1 correction(s) replayed</source>
        <translation>会话已重新打开：重放了 %1 处修正</translation>
    </message>
    <message>
        <source>Autosave failed: %1</source>
        <translation>自动保存失败：%1</translation>
    </message>
    <message>
        <source>Recover unsaved work</source>
        <translation>恢复未保存的工作</translation>
    </message>
    <message>
        <source>HRTEM Studio did not close normally. Reopen the work autosaved at %1?</source>
        <translation>HRTEM Studio 上次未正常关闭。是否重新打开 %1 自动保存的工作？</translation>
    </message>
    <message>
        <source>Microscopy stacks and sessions (*.tif *.tiff *.dm3 *.dm4 *.emd *.ser *.emi *.mrc *.mrcs *.st *.avi *.mp4 *.mov *.mkv *.png *.jpg *.hrtems);;HRTEM Studio sessions (*.hrtems);;All files (*)</source>
        <translation>显微图像序列与会话 (*.tif *.tiff *.dm3 *.dm4 *.emd *.ser *.emi *.mrc *.mrcs *.st *.avi *.mp4 *.mov *.mkv *.png *.jpg *.hrtems);;HRTEM Studio 会话 (*.hrtems);;所有文件 (*)</translation>
    </message>
    <message>
        <source>%1 nm</source>
        <translation>%1 nm</translation>
    </message>
    <message>
        <source>%1 px</source>
        <translation>%1 像素</translation>
    </message>
    <message>
        <source>%1 %2: %3</source>
        <translation>%1 %2：%3</translation>
    </message>
    <message>
        <source>%1 lattice: a1 %2, a2 %3, %4°</source>
        <translation>%1晶格：a1 %2，a2 %3，%4°</translation>
    </message>
    <message>
        <source>⚠ the chosen structure does not fit: %1</source>
        <translation>⚠ 所选晶体结构与测量不符：%1</translation>
    </message>
    <message>
        <source>extended crystal: no surface in view</source>
        <translation>延展晶体：视野内无表面</translation>
    </message>
    <message>
        <source>oblique</source>
        <translation>斜方</translation>
    </message>
    <message>
        <source>rectangular</source>
        <translation>矩形</translation>
    </message>
    <message>
        <source>centred rectangular</source>
        <translation>有心矩形</translation>
    </message>
    <message>
        <source>square</source>
        <translation>正方</translation>
    </message>
    <message>
        <source>hexagonal</source>
        <translation>六方</translation>
    </message>
    <message>
        <source>Restored: %1</source>
        <translation>复原：%1</translation>
    </message>
    <message>
        <source>Restoring with %1…</source>
        <translation>正在用 %1 复原…</translation>
    </message>
    <message>
        <source>not supported by the raw data (support %1)</source>
        <translation>原始数据不支持（支持度 %1）</translation>
    </message>
    <message>
        <source>Frame %1 could not be restored</source>
        <translation>第 %1 帧无法复原</translation>
    </message>
    <message>
        <source>Frame %1 could not be restored with %2: %3</source>
        <translation>第 %1 帧无法用 %2 复原：%3</translation>
    </message>
    <message>
        <source>Restored stack written</source>
        <translation>复原后的图像序列已写入</translation>
    </message>
    <message>
        <source>The restored stack could not be written.</source>
        <translation>无法写入复原后的图像序列。</translation>
    </message>
    <message>
        <source>&amp;Restoration</source>
        <translation>复原(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Raw frame</source>
        <translation>原始帧(&amp;R)</translation>
    </message>
    <message>
        <source>R&amp;estored frame</source>
        <translation>复原帧(&amp;E)</translation>
    </message>
    <message>
        <source>Raw and restored &amp;side by side</source>
        <translation>原始帧与复原帧并排(&amp;S)</translation>
    </message>
    <message>
        <source>Raw and restored, s&amp;plit</source>
        <translation>原始帧与复原帧分割对比(&amp;P)</translation>
    </message>
    <message>
        <source>Show the frame as recorded</source>
        <translation>显示记录的原始帧</translation>
    </message>
    <message>
        <source>Show the frame restored with the method chosen on the Restoration toolbar</source>
        <translation>显示用“复原”工具栏所选方法复原的帧</translation>
    </message>
    <message>
        <source>Show the raw frame and the restored one side by side</source>
        <translation>并排显示原始帧和复原帧</translation>
    </message>
    <message>
        <source>Show the raw frame left of a line and the restored one right of it; drag the line</source>
        <translation>分割线左侧显示原始帧，右侧显示复原帧；可拖动分割线</translation>
    </message>
    <message>
        <source>Raw</source>
        <translation>原始</translation>
    </message>
    <message>
        <source>Restored</source>
        <translation>复原</translation>
    </message>
    <message>
        <source>Side by side</source>
        <translation>并排</translation>
    </message>
    <message>
        <source>Split</source>
        <translation>分割</translation>
    </message>
    <message>
        <source>Restoration</source>
        <translation>复原</translation>
    </message>
    <message>
        <source> Method </source>
        <translation> 方法 </translation>
    </message>
    <message>
        <source>The restoration method the restored frame shows (HRTEM-GAN with the Analysis panel's weights and device)</source>
        <translation>复原帧所用的复原方法（HRTEM-GAN 使用分析面板中的权重和设备）</translation>
    </message>
    <message>
        <source>Export &amp;restored stack…</source>
        <translation>导出复原序列(&amp;R)…</translation>
    </message>
    <message>
        <source>Write every frame restored with the method shown as a calibrated 32-bit TIFF, as hrtem restore does</source>
        <translation>将用当前方法复原的每一帧写为带标定的 32 位 TIFF，与 hrtem restore 相同</translation>
    </message>
    <message>
        <source>  restoring frame %1…</source>
        <translation>  正在复原第 %1 帧…</translation>
    </message>
    <message>
        <source>Writing the restored stack (%1) to %2…</source>
        <translation>正在将复原序列（%1）写入 %2…</translation>
    </message>
    <message>
        <source>Export restored stack</source>
        <translation>导出复原序列</translation>
    </message>
    <message>
        <source>TIFF stack (*.tif *.tiff)</source>
        <translation>TIFF 序列 (*.tif *.tiff)</translation>
    </message>
    <message>
        <source>A restored stack is being written already</source>
        <translation>已有复原序列正在写入</translation>
    </message>
    <message>
        <source>Mark frame &amp;high quality</source>
        <translation>标记本帧为高质量(&amp;H)</translation>
    </message>
    <message>
        <source>Mark the frame shown as a high-quality example for training a restoration network</source>
        <translation>将当前帧标记为训练复原网络的高质量样本</translation>
    </message>
    <message>
        <source>Mark frame &amp;low quality</source>
        <translation>标记本帧为低质量(&amp;L)</translation>
    </message>
    <message>
        <source>Mark the frame shown as a low-quality frame the network should learn to restore</source>
        <translation>将当前帧标记为网络应学会复原的低质量帧</translation>
    </message>
    <message>
        <source>&amp;Unmark frame</source>
        <translation>取消本帧标记(&amp;U)</translation>
    </message>
    <message>
        <source>&amp;Mark frames…</source>
        <translation>标记多帧(&amp;M)…</translation>
    </message>
    <message>
        <source>Mark a range of frames, or every frame from its quality score</source>
        <translation>标记一段帧，或按质量评分标记每一帧</translation>
    </message>
    <message>
        <source>Clear all marks</source>
        <translation>清除全部标记</translation>
    </message>
    <message>
        <source>&amp;Train restoration network…</source>
        <translation>训练复原网络(&amp;T)…</translation>
    </message>
    <message>
        <source>Train HRTEM-GAN on the frames marked high and low quality (unpaired)</source>
        <translation>用标记为高质量和低质量的帧训练 HRTEM-GAN（非配对）</translation>
    </message>
    <message>
        <source>Frame %1 marked high quality</source>
        <translation>第 %1 帧已标记为高质量</translation>
    </message>
    <message>
        <source>Frame %1 marked low quality</source>
        <translation>第 %1 帧已标记为低质量</translation>
    </message>
    <message>
        <source>Frame %1 unmarked</source>
        <translation>第 %1 帧已取消标记</translation>
    </message>
    <message>
        <source> (%1 high, %2 low in this movie)</source>
        <translation>（本影片中高质量 %1 帧，低质量 %2 帧）</translation>
    </message>
    <message>
        <source>The analysis restores with %1 now (Analysis panel, Restoration)</source>
        <translation>分析现在使用 %1 进行复原（分析面板，复原）</translation>
    </message>
    <message>
        <source>supported by the raw data (support %1)</source>
        <translation>原始数据支持（支持度 %1）</translation>
    </message>
    <message>
        <source>&amp;Manual</source>
        <translation>使用手册(&amp;M)</translation>
    </message>
    <message>
        <source>&amp;Keyboard shortcuts</source>
        <translation>键盘快捷键(&amp;K)</translation>
    </message>
    <message>
        <source>Reset &amp;layout</source>
        <translation>重置布局(&amp;L)</translation>
    </message>
    <message>
        <source>Put every panel and toolbar back where it starts, and fit the window to the screen</source>
        <translation>将所有面板和工具栏恢复到初始位置，并使窗口适应屏幕</translation>
    </message>
    <message>
        <source>View written to %1</source>
        <translation>视图已写入 %1</translation>
    </message>
    <message>
        <source>Measurements</source>
        <translation>测量</translation>
    </message>
    <message>
        <source>&amp;Measure</source>
        <translation>测量(&amp;M)</translation>
    </message>
    <message>
        <source>Measure toolbar</source>
        <translation>测量工具栏</translation>
    </message>
    <message>
        <source>&amp;Distance</source>
        <translation>距离(&amp;D)</translation>
    </message>
    <message>
        <source>An&amp;gle</source>
        <translation>角度(&amp;G)</translation>
    </message>
    <message>
        <source>Line &amp;profile</source>
        <translation>线剖面(&amp;P)</translation>
    </message>
    <message>
        <source>Drag between two points; ends near a column snap to it and give the distance its error</source>
        <translation>在两点之间拖动；靠近原子柱的端点会吸附到该原子柱，并据此给出距离的误差</translation>
    </message>
    <message>
        <source>Drag along the first arm to the vertex, then click the end of the second arm</source>
        <translation>沿第一条边拖动到顶点，再单击第二条边的端点</translation>
    </message>
    <message>
        <source>Drag a line: its intensity profile is plotted in the Measurements dock</source>
        <translation>拖出一条线：其强度剖面绘制在“测量”面板中</translation>
    </message>
    <message>
        <source>&amp;Clear measurements</source>
        <translation>清除测量(&amp;C)</translation>
    </message>
    <message>
        <source>Exported %1 file(s) into %2</source>
        <translation>已将 %1 个文件导出到 %2</translation>
    </message>
    <message>
        <source>%1 (line %2, column %3)</source>
        <translation>%1（第 %2 行，第 %3 列）</translation>
    </message>
    <message>
        <source>File: %1</source>
        <translation>文件：%1</translation>
    </message>
    <message>
        <source>Watching failed</source>
        <translation>监视失败</translation>
    </message>
    <message>
        <source>The frames written into “%1” could not be analysed.</source>
        <translation>无法分析写入“%1”的帧。</translation>
    </message>
    <message>
        <source>Acquisition over: %1 frame(s) analysed</source>
        <translation>采集结束：已分析 %1 帧</translation>
    </message>
    <message>
        <source>Watch the folder the camera writes into</source>
        <translation>监视相机写入的文件夹</translation>
    </message>
    <message>
        <source>&amp;Watch folder…</source>
        <translation>监视文件夹(&amp;W)…</translation>
    </message>
    <message>
        <source>Analyse frames as the camera writes them into a folder; tracks and events when the acquisition is over</source>
        <translation>在相机将帧写入文件夹时即时分析；采集结束后给出轨迹和事件</translation>
    </message>
    <message>
        <source>Watching %1</source>
        <translation>正在监视 %1</translation>
    </message>
    <message>
        <source>Waiting for the first frame in %1 …</source>
        <translation>正在等待 %1 中的第一帧 …</translation>
    </message>
    <message>
        <source>The acquisition is over</source>
        <translation>采集已结束</translation>
    </message>
    <message>
        <source>%1 frame(s) analysed; frame %2 %3 s after it arrived.
Tracks and events come when the acquisition is over (no new frame for a while, or the button).</source>
        <translation>已分析 %1 帧；第 %2 帧在到达后 %3 秒完成分析。
采集结束后（一段时间没有新帧，或按下按钮）给出轨迹和事件。</translation>
    </message>
    <message>
        <source>Restoration &amp;evaluation…</source>
        <translation>复原评估(&amp;E)…</translation>
    </message>
    <message>
        <source>Compare the restoration methods on a simulated movie: PSNR, SSIM, FID, KL, segmentation and localization scores, the t-SNE map of the patches and their spectra</source>
        <translation>在模拟影像上比较各复原方法：PSNR、SSIM、FID、KL、分割与定位评分、图块的 t-SNE 图及其频谱</translation>
    </message>
</context>
<context>
    <name>hrtem::ui::MarkFramesDialog</name>
    <message>
        <source>Scoring the frames… %1%</source>
        <translation>正在为各帧评分… %1%</translation>
    </message>
    <message>
        <source>The frames could not be scored: %1</source>
        <translation>无法为各帧评分：%1</translation>
    </message>
    <message>
        <source>No lattice found in the first frame: mark frames by range instead.</source>
        <translation>第一帧中未发现晶格：请改为按范围标记帧。</translation>
    </message>
    <message>
        <source>Scoring the frames…</source>
        <translation>正在为各帧评分…</translation>
    </message>
    <message>
        <source>Mark frames for training</source>
        <translation>标记训练用的帧</translation>
    </message>
    <message>
        <source>Frames</source>
        <translation>帧</translation>
    </message>
    <message>
        <source>From</source>
        <translation>从</translation>
    </message>
    <message>
        <source>to</source>
        <translation>到</translation>
    </message>
    <message>
        <source>Mark high quality</source>
        <translation>标记为高质量</translation>
    </message>
    <message>
        <source>Mark low quality</source>
        <translation>标记为低质量</translation>
    </message>
    <message>
        <source>Clear marks</source>
        <translation>清除标记</translation>
    </message>
    <message>
        <source>From the quality score</source>
        <translation>按质量评分</translation>
    </message>
    <message>
        <source>High quality at or above</source>
        <translation>高质量：不低于</translation>
    </message>
    <message>
        <source>Low quality at or below</source>
        <translation>低质量：不高于</translation>
    </message>
    <message>
        <source>Frames scoring at least this are marked high quality; or drag the green line</source>
        <translation>评分不低于此值的帧标记为高质量；也可拖动绿线</translation>
    </message>
    <message>
        <source>Frames scoring at most this are marked low quality; or drag the orange line</source>
        <translation>评分不高于此值的帧标记为低质量；也可拖动橙线</translation>
    </message>
    <message>
        <source>Mark every frame</source>
        <translation>标记全部帧</translation>
    </message>
    <message>
        <source>Mark every frame from its score; frames between the thresholds are unmarked</source>
        <translation>按评分标记每一帧；介于两个阈值之间的帧不标记</translation>
    </message>
    <message>
        <source>Frame</source>
        <translation>帧</translation>
    </message>
    <message>
        <source>Quality (lattice signal over noise, dB)</source>
        <translation>质量（晶格信号与噪声之比，dB）</translation>
    </message>
    <message>
        <source>Unmarked</source>
        <translation>未标记</translation>
    </message>
    <message>
        <source>High quality</source>
        <translation>高质量</translation>
    </message>
    <message>
        <source>Low quality</source>
        <translation>低质量</translation>
    </message>
    <message>
        <source>%1 frames scored; suggested threshold %2 dB (drag the lines to change)</source>
        <translation>已评分 %1 帧；建议阈值 %2 dB（拖动直线可更改）</translation>
    </message>
    <message>
        <source>First frame of the range to mark</source>
        <translation>要标记范围的第一帧</translation>
    </message>
    <message>
        <source>Last frame of the range to mark (included)</source>
        <translation>要标记范围的最后一帧（包含）</translation>
    </message>
</context>
<context>
    <name>hrtem::ui::MeasurementsPanel</name>
    <message>
        <source>Distance</source>
        <translation>距离</translation>
    </message>
    <message>
        <source>Angle</source>
        <translation>角度</translation>
    </message>
    <message>
        <source>Line profile</source>
        <translation>线剖面</translation>
    </message>
    <message>
        <source>Distance along the line (%1)</source>
        <translation>沿线距离（%1）</translation>
    </message>
    <message>
        <source>Intensity</source>
        <translation>强度</translation>
    </message>
    <message>
        <source>Line profile %1 on frame shown</source>
        <translation>当前帧上的线剖面 %1</translation>
    </message>
    <message>
        <source>Draw a line profile (P) to plot it here</source>
        <translation>画一条线剖面（P）即可在此绘出</translation>
    </message>
    <message>
        <source>Export measurements</source>
        <translation>导出测量</translation>
    </message>
    <message>
        <source>CSV table (*.csv)</source>
        <translation>CSV 表格 (*.csv)</translation>
    </message>
    <message>
        <source>Could not write “%1”: %2</source>
        <translation>无法写入“%1”：%2</translation>
    </message>
    <message>
        <source>Written:
%1</source>
        <translation>已写入：
%1</translation>
    </message>
    <message>
        <source>#</source>
        <translation>#</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Frame</source>
        <translation>帧</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>数值</translation>
    </message>
    <message>
        <source>Ends (px; #column)</source>
        <translation>端点（像素；#原子柱）</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>删除</translation>
    </message>
    <message>
        <source>Remove the selected measurement</source>
        <translation>删除所选测量</translation>
    </message>
    <message>
        <source>Clear</source>
        <translation>清除</translation>
    </message>
    <message>
        <source>Remove every measurement</source>
        <translation>删除全部测量</translation>
    </message>
    <message>
        <source>Copy</source>
        <translation>复制</translation>
    </message>
    <message>
        <source>Copy the measurements as CSV text</source>
        <translation>以 CSV 文本复制测量结果</translation>
    </message>
    <message>
        <source>Export CSV…</source>
        <translation>导出 CSV…</translation>
    </message>
    <message>
        <source>Write the measurements and the line profile shown as CSV files</source>
        <translation>将测量结果和当前线剖面写为 CSV 文件</translation>
    </message>
    <message>
        <source>Width (px)</source>
        <translation>宽度（像素）</translation>
    </message>
    <message>
        <source>Pixels across the line averaged into each profile sample</source>
        <translation>每个剖面采样点在垂直于线方向上平均的像素数</translation>
    </message>
</context>
<context>
    <name>hrtem::ui::MetadataPanel</name>
    <message>
        <source>uncalibrated</source>
        <translation>未标定</translation>
    </message>
    <message>
        <source>, origin %1 px</source>
        <translation>，原点 %1 像素</translation>
    </message>
    <message>
        <source>Filter keys and values</source>
        <translation>筛选键和值</translation>
    </message>
    <message>
        <source>Key</source>
        <translation>键</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>值</translation>
    </message>
    <message>
        <source>File</source>
        <translation>文件</translation>
    </message>
    <message>
        <source>Path</source>
        <translation>路径</translation>
    </message>
    <message>
        <source>Format</source>
        <translation>格式</translation>
    </message>
    <message>
        <source>Image</source>
        <translation>图像</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>尺寸</translation>
    </message>
    <message>
        <source>%1 × %2 px, %3 frame(s)</source>
        <translation>%1 × %2 像素，%3 帧</translation>
    </message>
    <message>
        <source>Pixel type</source>
        <translation>像素类型</translation>
    </message>
    <message>
        <source>Pixel size x</source>
        <translation>像素尺寸 x</translation>
    </message>
    <message>
        <source>Pixel size y</source>
        <translation>像素尺寸 y</translation>
    </message>
    <message>
        <source>Frame axis</source>
        <translation>帧轴</translation>
    </message>
    <message>
        <source>Frame interval</source>
        <translation>帧间隔</translation>
    </message>
    <message>
        <source>%1 s</source>
        <translation>%1 秒</translation>
    </message>
    <message>
        <source>unknown</source>
        <translation>未知</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>说明</translation>
    </message>
    <message>
        <source>Images in file</source>
        <translation>文件中的图像</translation>
    </message>
    <message>
        <source>Metadata</source>
        <translation>元数据</translation>
    </message>
    <message>
        <source>Acquisition date</source>
        <translation>采集日期</translation>
    </message>
    <message>
        <source>Acquisition time</source>
        <translation>采集时间</translation>
    </message>
    <message>
        <source>Exposure (s)</source>
        <translation>曝光时间（秒）</translation>
    </message>
    <message>
        <source>Voltage (kV)</source>
        <translation>加速电压（kV）</translation>
    </message>
    <message>
        <source>Magnification</source>
        <translation>放大倍数</translation>
    </message>
    <message>
        <source>Operation mode</source>
        <translation>工作模式</translation>
    </message>
    <message>
        <source>Microscope</source>
        <translation>电镜</translation>
    </message>
    <message>
        <source>Detector</source>
        <translation>探测器</translation>
    </message>
    <message>
        <source>STEM dwell time (µs)</source>
        <translation>STEM 驻留时间（µs）</translation>
    </message>
    <message>
        <source>Signal</source>
        <translation>信号类型</translation>
    </message>
    <message>
        <source>Specimen</source>
        <translation>样品</translation>
    </message>
    <message>
        <source>Dose (counts/px)</source>
        <translation>剂量（计数/像素）</translation>
    </message>
    <message>
        <source>Seed</source>
        <translation>随机种子</translation>
    </message>
    <message>
        <source>Software</source>
        <translation>软件</translation>
    </message>
    <message>
        <source>Date/time</source>
        <translation>日期/时间</translation>
    </message>
    <message>
        <source>Description</source>
        <translation>描述</translation>
    </message>
    <message>
        <source>frame</source>
        <translation>帧序号</translation>
    </message>
    <message>
        <source>Preset</source>
        <translation>预设</translation>
    </message>
    <message>
        <source>Show only the entries whose key or value contains this text</source>
        <translation>仅显示键或值包含此文本的条目</translation>
    </message>
</context>
<context>
    <name>hrtem::ui::PlaybackBar</name>
    <message>
        <source>Play or pause (Space)</source>
        <translation>播放或暂停（空格键）</translation>
    </message>
    <message>
        <source>Frame (Left/Right arrows step, Home/End jump)</source>
        <translation>帧（左/右方向键逐帧，Home/End 跳到首尾）</translation>
    </message>
    <message>
        <source> fps</source>
        <translation> 帧/秒</translation>
    </message>
    <message>
        <source>Playback speed in frames per second</source>
        <translation>播放速度（帧/秒）</translation>
    </message>
    <message>
        <source>of %1</source>
        <translation>共 %1 帧</translation>
    </message>
    <message>
        <source>Frame (Left/Right arrows step, Home/End jump); marked for training: %1 high quality (green, above), %2 low quality (orange, below)</source>
        <translation>帧（左/右方向键逐帧，Home/End 跳转）；训练标记：高质量 %1 帧（绿色，上方），低质量 %2 帧（橙色，下方）</translation>
    </message>
    <message>
        <source>The frame shown; type a number to go to that frame</source>
        <translation>当前显示的帧；输入数字可跳到该帧</translation>
    </message>
</context>
<context>
    <name>hrtem::ui::PlotsPanel</name>
    <message>
        <source>Plot</source>
        <translation>图表</translation>
    </message>
    <message>
        <source>Atoms per frame</source>
        <translation>每帧原子数</translation>
    </message>
    <message>
        <source>{111} lattice spacing</source>
        <translation>{111} 晶面间距</translation>
    </message>
    <message>
        <source>{200} lattice spacing</source>
        <translation>{200} 晶面间距</translation>
    </message>
    <message>
        <source>Mean nearest-neighbour distance</source>
        <translation>平均最近邻距离</translation>
    </message>
    <message>
        <source>Particle area</source>
        <translation>颗粒面积</translation>
    </message>
    <message>
        <source>Frame quality</source>
        <translation>帧质量</translation>
    </message>
    <message>
        <source>Events per frame</source>
        <translation>每帧事件数</translation>
    </message>
    <message>
        <source>Mean squared displacement</source>
        <translation>均方位移</translation>
    </message>
    <message>
        <source>Bond lengths</source>
        <translation>键长</translation>
    </message>
    <message>
        <source>Coordination numbers</source>
        <translation>配位数</translation>
    </message>
    <message>
        <source>Which plot to show; a click on a time series shows that frame</source>
        <translation>要显示的图表；单击时间序列可显示该帧</translation>
    </message>
    <message>
        <source>All frames</source>
        <translation>所有帧</translation>
    </message>
    <message>
        <source>Histograms over every analysed frame instead of the current one</source>
        <translation>对所有已分析帧而非当前帧作直方图</translation>
    </message>
    <message>
        <source>Export…</source>
        <translation>导出…</translation>
    </message>
    <message>
        <source>Save the plot shown as PNG, SVG or PDF</source>
        <translation>将当前图表保存为 PNG、SVG 或 PDF</translation>
    </message>
    <message>
        <source>No analysis result</source>
        <translation>没有分析结果</translation>
    </message>
    <message>
        <source>Time (%1)</source>
        <translation>时间（%1）</translation>
    </message>
    <message>
        <source>Atoms</source>
        <translation>原子</translation>
    </message>
    <message>
        <source>d{111} (%1)</source>
        <translation>d{111}（%1）</translation>
    </message>
    <message>
        <source>d{200} (%1)</source>
        <translation>d{200}（%1）</translation>
    </message>
    <message>
        <source>Nearest-neighbour distance (%1)</source>
        <translation>最近邻距离（%1）</translation>
    </message>
    <message>
        <source>Area (%1)</source>
        <translation>面积（%1）</translation>
    </message>
    <message>
        <source>Quality (dB)</source>
        <translation>质量（dB）</translation>
    </message>
    <message>
        <source>Events</source>
        <translation>事件</translation>
    </message>
    <message numerus="yes">
        <source>Mean of %n track(s)</source>
        <translation>
            <numerusform>%n 条轨迹的平均</numerusform>
        </translation>
    </message>
    <message>
        <source>Track %1</source>
        <translation>轨迹 %1</translation>
    </message>
    <message>
        <source>Mean squared displacement (no tracks yet)</source>
        <translation>均方位移（尚无轨迹）</translation>
    </message>
    <message>
        <source>Lag (%1)</source>
        <translation>时间间隔（%1）</translation>
    </message>
    <message>
        <source>MSD (%1)</source>
        <translation>均方位移（%1）</translation>
    </message>
    <message>
        <source>%1 (no frames yet)</source>
        <translation>%1（尚无帧）</translation>
    </message>
    <message numerus="yes">
        <source>%1, all %n frame(s)</source>
        <translation>
            <numerusform>%1，全部 %n 帧</numerusform>
        </translation>
    </message>
    <message>
        <source>%1, stack frame %2</source>
        <translation>%1，图像栈第 %2 帧</translation>
    </message>
    <message>
        <source>Bond length (%1)</source>
        <translation>键长（%1）</translation>
    </message>
    <message>
        <source>Coordination number</source>
        <translation>配位数</translation>
    </message>
    <message>
        <source>Bonds</source>
        <translation>键</translation>
    </message>
    <message>
        <source>PNG image (*.png)</source>
        <translation>PNG 图像 (*.png)</translation>
    </message>
    <message>
        <source>SVG drawing (*.svg)</source>
        <translation>SVG 矢量图 (*.svg)</translation>
    </message>
    <message>
        <source>PDF document (*.pdf)</source>
        <translation>PDF 文档 (*.pdf)</translation>
    </message>
    <message>
        <source>Export plot</source>
        <translation>导出图表</translation>
    </message>
    <message>
        <source>Surface atoms per frame</source>
        <translation>每帧表面原子数</translation>
    </message>
    <message>
        <source>Equivalent diameter</source>
        <translation>等效直径</translation>
    </message>
    <message>
        <source>Local strain (mean)</source>
        <translation>局部应变（平均）</translation>
    </message>
    <message>
        <source>Local strain (spread)</source>
        <translation>局部应变（离散度）</translation>
    </message>
    <message>
        <source>Drift</source>
        <translation>漂移</translation>
    </message>
    <message>
        <source>Surface atoms</source>
        <translation>表面原子</translation>
    </message>
    <message>
        <source>Equivalent diameter (%1)</source>
        <translation>等效直径（%1）</translation>
    </message>
    <message>
        <source>Mean (εxx + εyy)/2 (%)</source>
        <translation>(εxx + εyy)/2 平均值（%）</translation>
    </message>
    <message>
        <source>Spread of (εxx + εyy)/2 (%)</source>
        <translation>(εxx + εyy)/2 标准差（%）</translation>
    </message>
    <message>
        <source>Drift (%1)</source>
        <translation>漂移（%1）</translation>
    </message>
    <message>
        <source>The plotted data, CSV (*.csv)</source>
        <translation>图表数据，CSV (*.csv)</translation>
    </message>
    <message>
        <source>Could not write %1. The name must end in .png, .svg, .pdf or .csv, in a folder you can write to.</source>
        <translation>无法写入 %1。文件名须以 .png、.svg、.pdf 或 .csv 结尾，并位于可写的文件夹中。</translation>
    </message>
</context>
<context>
    <name>hrtem::ui::ResultLabels</name>
    <message>
        <source>stable</source>
        <translation>稳定</translation>
    </message>
    <message>
        <source>hopping</source>
        <translation>跳跃</translation>
    </message>
    <message>
        <source>adsorbed</source>
        <translation>吸附</translation>
    </message>
    <message>
        <source>desorbed</source>
        <translation>脱附</translation>
    </message>
    <message>
        <source>hop</source>
        <translation>跳跃</translation>
    </message>
    <message>
        <source>adsorption</source>
        <translation>吸附</translation>
    </message>
    <message>
        <source>desorption</source>
        <translation>脱附</translation>
    </message>
    <message>
        <source>surface</source>
        <translation>表面</translation>
    </message>
    <message>
        <source>bulk</source>
        <translation>体相</translation>
    </message>
    <message>
        <source>s</source>
        <translation>秒</translation>
    </message>
    <message>
        <source>frame</source>
        <translation>帧</translation>
    </message>
    <message>
        <source>columns stand out at %1 noise sigmas in one frame: the crystal and its columns are found on %2 frames pooled, positions on each frame's own counts</source>
        <translation>单帧中原子柱仅高出噪声 %1 个标准差：晶体及其原子柱在 %2 帧合并后寻找，位置仍按每帧自身的计数确定</translation>
    </message>
    <message>
        <source>no lattice fringes found in the first frame: no atom columns can be located</source>
        <translation>第一帧中未发现晶格条纹：无法定位原子柱</translation>
    </message>
    <message>
        <source>no resolved crystal lattice: %1 fringe direction(s) above the noise (two are needed to resolve columns); the strongest spot reaches %2 of the significance threshold</source>
        <translation>未分辨出晶格：仅 %1 个条纹方向高于噪声（分辨原子柱需要两个）；最强斑点达到显著性阈值的 %2</translation>
    </message>
    <message>
        <source>%1: no atom columns are located</source>
        <translation>%1：不定位原子柱</translation>
    </message>
    <message>
        <source>no resolved crystal lattice</source>
        <translation>未分辨出晶格</translation>
    </message>
    <message>
        <source>the restoration shows columns the raw data do not support in %1 of %2 frames (restoration_flag in frames.csv): do not trust those frames' columns</source>
        <translation>在 %2 帧中有 %1 帧，复原图像显示了原始数据不支持的原子柱（见 frames.csv 的 restoration_flag）：不要相信这些帧的原子柱</translation>
    </message>
    <message>
        <source>the file has no length calibration: positions are in pixels only</source>
        <translation>文件没有长度标定：位置仅以像素表示</translation>
    </message>
    <message>
        <source>the file gives no frame interval: time_s is the frame index</source>
        <translation>文件未给出帧间隔：time_s 为帧序号</translation>
    </message>
</context>
<context>
    <name>hrtem::ui::ResultTableModel</name>
    <message>
        <source>nm</source>
        <translation>nm</translation>
    </message>
    <message>
        <source>px</source>
        <translation>像素</translation>
    </message>
</context>
<context>
    <name>hrtem::ui::ResultTables</name>
    <message>
        <source>Filter: rows containing this text in any column</source>
        <translation>筛选：任一列包含此文字的行</translation>
    </message>
    <message>
        <source>Atoms of the current frame. Select one to select its track.</source>
        <translation>当前帧的原子。选中一个即选中其轨迹。</translation>
    </message>
    <message>
        <source>Select a track to show it in the trajectory view; double-click to go to its first frame.</source>
        <translation>选中一条轨迹以在视图中显示；双击转到其第一帧。</translation>
    </message>
    <message>
        <source>%1 of %2</source>
        <translation>%1 / %2</translation>
    </message>
    <message>
        <source>Atoms in frame %1 (%2)</source>
        <translation>第 %1 帧的原子（%2）</translation>
    </message>
    <message>
        <source>Atoms (%1)</source>
        <translation>原子（%1）</translation>
    </message>
    <message>
        <source>Tracks (%1)</source>
        <translation>轨迹（%1）</translation>
    </message>
    <message>
        <source>Events (%1)</source>
        <translation>事件（%1）</translation>
    </message>
    <message>
        <source>Show only the rows containing this text in any column</source>
        <translation>仅显示任一列包含此文本的行</translation>
    </message>
    <message>
        <source>Choose an event to go to its frame and select its track.</source>
        <translation>选择一个事件即可跳到其所在帧并选中其轨迹。</translation>
    </message>
</context>
<context>
    <name>hrtem::ui::SimulationDialog</name>
    <message>
        <source>Simulate an in-situ HRTEM movie</source>
        <translation>模拟原位高分辨电镜影像</translation>
    </message>
    <message>
        <source>Preset</source>
        <translation>预设</translation>
    </message>
    <message>
        <source>Seed</source>
        <translation>随机种子</translation>
    </message>
    <message>
        <source>Dose (counts/px in vacuum)</source>
        <translation>剂量（真空区计数/像素）</translation>
    </message>
    <message>
        <source>Frames</source>
        <translation>帧数</translation>
    </message>
    <message>
        <source>Frame size (px)</source>
        <translation>帧尺寸（像素）</translation>
    </message>
    <message>
        <source>Twin boundary</source>
        <translation>孪晶界</translation>
    </message>
    <message>
        <source>Adatoms at start</source>
        <translation>初始吸附原子数</translation>
    </message>
    <message>
        <source>The same seed gives the same movie, byte for byte</source>
        <translation>相同的种子生成逐字节相同的影像</translation>
    </message>
    <message>
        <source>Open in viewer</source>
        <translation>在查看器中打开</translation>
    </message>
    <message>
        <source>Save with ground truth…</source>
        <translation>连同真值一起保存…</translation>
    </message>
    <message>
        <source>The bundled demo: 60 counts per pixel, 40 frames.</source>
        <translation>内置示例：每像素 60 计数，40 帧。</translation>
    </message>
    <message>
        <source>High-dose training frames (200 counts/px), independent dynamics.</source>
        <translation>高剂量训练帧（200 计数/像素），动力学过程独立。</translation>
    </message>
    <message>
        <source>Low-dose, motion-blurred training frames (8 counts/px), independent dynamics.</source>
        <translation>低剂量且有运动模糊的训练帧（8 计数/像素），动力学过程独立。</translation>
    </message>
    <message>
        <source>The demo's dynamics at about 200 counts per pixel.</source>
        <translation>与示例相同的动力学过程，约 200 计数/像素。</translation>
    </message>
    <message>
        <source>The demo's dynamics at about 20 counts per pixel.</source>
        <translation>与示例相同的动力学过程，约 20 计数/像素。</translation>
    </message>
    <message>
        <source>The demo's dynamics at about 6 counts per pixel.</source>
        <translation>与示例相同的动力学过程，约 6 计数/像素。</translation>
    </message>
    <message>
        <source>Save the simulation into</source>
        <translation>将模拟结果保存到</translation>
    </message>
    <message>
        <source>Simulating %1 frames…</source>
        <translation>正在模拟 %1 帧…</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Simulation failed</source>
        <translation>模拟失败</translation>
    </message>
    <message>
        <source>The specimen and imaging conditions to start from; the fields below change them</source>
        <translation>起始的样品和成像条件；可用下面各项修改</translation>
    </message>
    <message>
        <source>Electron dose per frame: mean counts per pixel in vacuum. Lower is noisier (5 is a low-dose movie)</source>
        <translation>每帧电子剂量：真空区每像素的平均计数。越低噪声越大（5 为低剂量影像）</translation>
    </message>
    <message>
        <source>Number of frames in the movie</source>
        <translation>影像的帧数</translation>
    </message>
    <message>
        <source>Width and height of each frame in pixels</source>
        <translation>每帧的宽度和高度（像素）</translation>
    </message>
    <message>
        <source>Put a twin boundary through the particle</source>
        <translation>在颗粒中放置一个孪晶界</translation>
    </message>
    <message>
        <source>Atoms on the particle's surface at the first frame; they hop, adsorb and desorb</source>
        <translation>第一帧时颗粒表面的原子数；它们会跳跃、吸附和脱附</translation>
    </message>
    <message>
        <source>The simulated movie was not saved.</source>
        <translation>模拟影像未保存。</translation>
    </message>
</context>
<context>
    <name>hrtem::ui::TracksTableModel</name>
    <message>
        <source>Track</source>
        <translation>轨迹</translation>
    </message>
    <message>
        <source>First frame</source>
        <translation>起始帧</translation>
    </message>
    <message>
        <source>Last frame</source>
        <translation>最后一帧</translation>
    </message>
    <message>
        <source>Detections</source>
        <translation>检测次数</translation>
    </message>
    <message>
        <source>Net displacement (%1)</source>
        <translation>净位移（%1）</translation>
    </message>
    <message>
        <source>Mean speed (%1/%2)</source>
        <translation>平均速度（%1/%2）</translation>
    </message>
    <message>
        <source>Diffusion (%1²/%2)</source>
        <translation>扩散系数（%1²/%2）</translation>
    </message>
    <message>
        <source>Jumps</source>
        <translation>跳跃次数</translation>
    </message>
    <message>
        <source>Mean dwell (%1)</source>
        <translation>平均停留（%1）</translation>
    </message>
    <message>
        <source>Behaviour</source>
        <translation>行为</translation>
    </message>
    <message>
        <source>Frames in which the column was detected (interpolated gaps not counted)</source>
        <translation>检测到该原子柱的帧数（不计插值补齐的间隔）</translation>
    </message>
    <message>
        <source>From the first to the last position, drift removed</source>
        <translation>从第一个到最后一个位置，已扣除漂移</translation>
    </message>
    <message>
        <source>Path length over the track's duration, drift removed</source>
        <translation>路径长度除以轨迹持续时间，已扣除漂移</translation>
    </message>
    <message>
        <source>2-D diffusion coefficient from the mean squared displacement</source>
        <translation>由均方位移求得的二维扩散系数</translation>
    </message>
    <message>
        <source>Changes of lattice site (hops)</source>
        <translation>晶格位置的改变次数（跳跃）</translation>
    </message>
    <message>
        <source>Mean stay at one site</source>
        <translation>在一个位置上的平均停留时间</translation>
    </message>
    <message>
        <source>Edited</source>
        <translation>已编辑</translation>
    </message>
    <message>
        <source>Changed by hand: a column added, moved or deleted, merged, split or relabelled</source>
        <translation>手动修改：添加、移动或删除原子柱，合并、拆分或重新标记</translation>
    </message>
    <message>
        <source>by hand</source>
        <translation>手动</translation>
    </message>
    <message>
        <source>Adsorbed or desorbed if the column arrived or left during the movie, else hopping if it changed site, else stable</source>
        <translation>影片中出现或离开的原子柱为吸附或脱附，否则换位过的为跳跃，否则为稳定</translation>
    </message>
</context>
<context>
    <name>hrtem::ui::TrainingDialog</name>
    <message>
        <source>Train a restoration network (HRTEM-GAN)</source>
        <translation>训练复原网络（HRTEM-GAN）</translation>
    </message>
    <message>
        <source>Training frames (unpaired)</source>
        <translation>训练帧（非配对）</translation>
    </message>
    <message>
        <source>High quality</source>
        <translation>高质量</translation>
    </message>
    <message>
        <source>Low quality</source>
        <translation>低质量</translation>
    </message>
    <message>
        <source>Frames marked H, or a stack or folder of frames</source>
        <translation>标记为 H 的帧，或一个图像栈或帧文件夹</translation>
    </message>
    <message>
        <source>Frames marked L, or a stack or folder of frames</source>
        <translation>标记为 L 的帧，或一个图像栈或帧文件夹</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>浏览…</translation>
    </message>
    <message>
        <source>Training</source>
        <translation>训练</translation>
    </message>
    <message>
        <source>Steps</source>
        <translation>步数</translation>
    </message>
    <message>
        <source>Training steps; each step trains on one batch of patches from each domain</source>
        <translation>训练步数；每一步在每个域的一批图块上训练</translation>
    </message>
    <message>
        <source>Device</source>
        <translation>设备</translation>
    </message>
    <message>
        <source>Automatic (CUDA if present)</source>
        <translation>自动（有 CUDA 时用 CUDA）</translation>
    </message>
    <message>
        <source>CPU</source>
        <translation>CPU</translation>
    </message>
    <message>
        <source>CUDA</source>
        <translation>CUDA</translation>
    </message>
    <message>
        <source>Save weights as</source>
        <translation>权重保存为</translation>
    </message>
    <message>
        <source>Step</source>
        <translation>步</translation>
    </message>
    <message>
        <source>Loss</source>
        <translation>损失</translation>
    </message>
    <message>
        <source>Generator total</source>
        <translation>生成器总损失</translation>
    </message>
    <message>
        <source>Cycle</source>
        <translation>循环一致性</translation>
    </message>
    <message>
        <source>Discriminator HQ</source>
        <translation>判别器（高质量）</translation>
    </message>
    <message>
        <source>Discriminator LQ</source>
        <translation>判别器（低质量）</translation>
    </message>
    <message>
        <source>Low-quality patch (left) and its restoration (right)</source>
        <translation>低质量图块（左）及其复原结果（右）</translation>
    </message>
    <message>
        <source>The preview appears as training runs.</source>
        <translation>训练过程中显示预览。</translation>
    </message>
    <message>
        <source>Start training</source>
        <translation>开始训练</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>停止</translation>
    </message>
    <message>
        <source>Stop after the current step; the weights so far are saved</source>
        <translation>在当前步之后停止；保存已有的权重</translation>
    </message>
    <message>
        <source>Use these weights</source>
        <translation>使用这些权重</translation>
    </message>
    <message>
        <source>Restore with the weights just trained</source>
        <translation>用刚训练的权重进行复原</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>High-quality frames</source>
        <translation>高质量帧</translation>
    </message>
    <message>
        <source>Low-quality frames</source>
        <translation>低质量帧</translation>
    </message>
    <message>
        <source>Stacks (*.tif *.tiff *.dm3 *.dm4 *.avi *.mp4);;All files (*)</source>
        <translation>图像栈 (*.tif *.tiff *.dm3 *.dm4 *.avi *.mp4);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Save the weights as</source>
        <translation>权重保存为</translation>
    </message>
    <message>
        <source>Safetensors weights (*.safetensors)</source>
        <translation>Safetensors 权重 (*.safetensors)</translation>
    </message>
    <message>
        <source>No high-quality frames: mark frames H in the window, or choose a stack or folder of frames.</source>
        <translation>没有高质量帧：请在窗口中将帧标记为 H，或选择一个图像栈或帧文件夹。</translation>
    </message>
    <message>
        <source>No low-quality frames: mark frames L in the window, or choose a stack or folder of frames.</source>
        <translation>没有低质量帧：请在窗口中将帧标记为 L，或选择一个图像栈或帧文件夹。</translation>
    </message>
    <message>
        <source>Choose where to save the weights.</source>
        <translation>请选择权重的保存位置。</translation>
    </message>
    <message>
        <source>Cannot create the folder %1</source>
        <translation>无法创建文件夹 %1</translation>
    </message>
    <message>
        <source>Cannot create a temporary folder for the marked frames: %1</source>
        <translation>无法为标记的帧创建临时文件夹：%1</translation>
    </message>
    <message>
        <source>Starting…</source>
        <translation>正在启动…</translation>
    </message>
    <message>
        <source>Stopping after the current step…</source>
        <translation>将在当前步之后停止…</translation>
    </message>
    <message>
        <source>Step %1 of %2 · %3 elapsed · about %4 left</source>
        <translation>第 %1 / %2 步 · 已用 %3 · 约剩 %4</translation>
    </message>
    <message>
        <source>Training failed: %1</source>
        <translation>训练失败：%1</translation>
    </message>
    <message>
        <source>Training stopped after %1 steps; the weights so far are saved in %2</source>
        <translation>训练在 %1 步后停止；已有的权重保存在 %2</translation>
    </message>
    <message>
        <source>Training cancelled.</source>
        <translation>训练已取消。</translation>
    </message>
    <message>
        <source>Trained %1 steps in %2 on %3; weights saved in %4</source>
        <translation>在 %3 上用 %2 训练了 %1 步；权重保存在 %4</translation>
    </message>
    <message>
        <source>Time budget</source>
        <translation>时间上限</translation>
    </message>
    <message>
        <source> min</source>
        <translation> 分钟</translation>
    </message>
    <message>
        <source>no limit</source>
        <translation>不限</translation>
    </message>
    <message>
        <source>Stop after this long even if steps remain; the weights so far are saved</source>
        <translation>达到此时长即停止（即使步数未完成）；保存当前权重</translation>
    </message>
    <message>
        <source>Patch size</source>
        <translation>图块大小</translation>
    </message>
    <message>
        <source>Side of the square patches cut from the frames; restoration tiles use the same size</source>
        <translation>从帧中裁取的方形图块边长；复原时的分块大小与此相同</translation>
    </message>
    <message>
        <source>Batch</source>
        <translation>批大小</translation>
    </message>
    <message>
        <source>Patches of each domain per step</source>
        <translation>每步每个域的图块数</translation>
    </message>
    <message>
        <source>Variant</source>
        <translation>变体</translation>
    </message>
    <message>
        <source>Paper (plain cycle loss)</source>
        <translation>论文方法（普通循环损失）</translation>
    </message>
    <message>
        <source>Thesis ch. 4: mask-weighted cycle loss</source>
        <translation>论文第 4 章：掩膜加权循环损失</translation>
    </message>
    <message>
        <source>Thesis ch. 4: generation-guided segmentation</source>
        <translation>论文第 4 章：生成引导分割</translation>
    </message>
    <message>
        <source>The chapter-4 variants need the simulator's atom-column masks: train them on simulated movies</source>
        <translation>第 4 章的变体需要模拟器的原子柱掩膜：请在模拟影片上训练</translation>
    </message>
    <message>
        <source>Continue from the checkpoint beside these weights</source>
        <translation>从这些权重旁的检查点继续</translation>
    </message>
    <message>
        <source>Resume the run that wrote the checkpoint (same networks), up to the steps set here</source>
        <translation>继续写出该检查点的训练（网络相同），直到此处设定的步数</translation>
    </message>
    <message>
        <source>Adversarial</source>
        <translation>对抗</translation>
    </message>
    <message>
        <source>Identity</source>
        <translation>恒等</translation>
    </message>
    <message>
        <source>FFT</source>
        <translation>FFT（傅里叶）</translation>
    </message>
    <message>
        <source>Characteristic function</source>
        <translation>特征函数</translation>
    </message>
    <message>
        <source>Continue</source>
        <translation>继续</translation>
    </message>
    <message>
        <source>Pause</source>
        <translation>暂停</translation>
    </message>
    <message>
        <source>Hold the training between two steps; the window stays free</source>
        <translation>在两步之间暂停训练；窗口仍可使用</translation>
    </message>
    <message>
        <source>%1 frames marked H in %2 movie(s)</source>
        <translation>%2 个影片中标记为 H 的 %1 帧</translation>
    </message>
    <message>
        <source>%1 frames marked L in %2 movie(s)</source>
        <translation>%2 个影片中标记为 L 的 %1 帧</translation>
    </message>
    <message>
        <source>Paused: the training waits between two steps.</source>
        <translation>已暂停：训练在两步之间等待。</translation>
    </message>
    <message>
        <source>Continuing.</source>
        <translation>继续训练。</translation>
    </message>
    <message>
        <source>Too few frames marked high quality: %1; mark at least %2.</source>
        <translation>标记为高质量的帧太少：%1 帧；至少需要 %2 帧。</translation>
    </message>
    <message>
        <source>Too few frames marked low quality: %1; mark at least %2.</source>
        <translation>标记为低质量的帧太少：%1 帧；至少需要 %2 帧。</translation>
    </message>
    <message>
        <source>Training %1 steps: high quality %2, low quality %3; weights: %4%5</source>
        <translation>训练 %1 步：高质量 %2，低质量 %3；权重：%4%5</translation>
    </message>
    <message>
        <source> (continuing from %1)</source>
        <translation>（从 %1 继续）</translation>
    </message>
    <message>
        <source>Time budget reached after %1 steps; weights saved in %2</source>
        <translation>训练 %1 步后达到时间上限；权重已保存到 %2</translation>
    </message>
    <message>
        <source>; model card %1</source>
        <translation>；模型说明 %1</translation>
    </message>
    <message>
        <source>. Use these weights for the analysis with the button below.</source>
        <translation>。可用下方按钮将这些权重用于分析。</translation>
    </message>
    <message>
        <source>. The last checkpoint is kept (%1): tick “Continue from the checkpoint” to go on from it.</source>
        <translation>。最后的检查点已保留（%1）：勾选“从检查点继续”即可接着训练。</translation>
    </message>
    <message>
        <source>Frames that show what a restored frame should look like: the frames marked H (Analysis &gt; Mark frames), or a stack or folder of them</source>
        <translation>展示复原后应有样子的帧：标记为 H 的帧（分析 &gt; 标记帧），或由这类帧组成的图像序列或文件夹</translation>
    </message>
    <message>
        <source>Frames to learn to restore: the frames marked L, or a stack or folder of them. Unpaired: they need not show the same scene</source>
        <translation>要学习复原的帧：标记为 L 的帧，或由这类帧组成的图像序列或文件夹。非配对：无需显示相同场景</translation>
    </message>
    <message>
        <source>Where the networks train: a CUDA GPU when there is one, or the CPU (slower; the window stays responsive)</source>
        <translation>网络的训练设备：有 CUDA GPU 时用 GPU，否则用 CPU（较慢；窗口仍可操作）</translation>
    </message>
    <message>
        <source>The weights file (.safetensors); its model card, checkpoint and log are written beside it</source>
        <translation>权重文件（.safetensors）；其模型卡、检查点和日志写在同一文件夹中</translation>
    </message>
    <message>
        <source>Training patches: %1 high-quality frames from %2, %3 low-quality frames from %4</source>
        <translation>训练图块：高质量帧 %1 帧，来自 %2；低质量帧 %3 帧，来自 %4</translation>
    </message>
    <message>
        <source>frame %1 of %2</source>
        <translation>%2 的第 %1 帧</translation>
    </message>
    <message>
        <source>frames %1 of %2</source>
        <translation>%2 的第 %1 帧</translation>
    </message>
</context>
<context>
    <name>hrtem::ui::TrajectoryView</name>
    <message>
        <source>Click a track to select it, or empty space to clear the selection. Wheel: zoom, drag: pan, double click: fit.</source>
        <translation>单击轨迹以选中，单击空白处取消选择。滚轮：缩放，拖动：平移，双击：适应窗口。</translation>
    </message>
    <message>
        <source>No tracks: run an analysis of the movie first</source>
        <translation>没有轨迹：请先分析影像</translation>
    </message>
    <message>
        <source>Frame</source>
        <translation>帧</translation>
    </message>
</context>
</TS>